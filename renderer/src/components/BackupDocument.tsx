import { useEffect, useState } from 'react';
import { backupsFile } from '../../../shared/contracts/backups';
import { invoke } from '../api/client';
import { formatDateTime } from '../../../shared/dates';

/** Shows a backup document inside the app: images inline, PDFs in the built-in viewer. */
export function BackupDocument({ sha256, name }: { sha256: string; name: string }) {
  const [url, setUrl] = useState<{ href: string; mime: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const [purgedAt, setPurgedAt] = useState<string | null>(null);
  useEffect(() => {
    let href = '';
    void invoke(backupsFile, { sha256 }).then((r) => {
      if (!r.ok) return setFailed(true);
      if ('purgedAt' in r.value) return setPurgedAt(r.value.purgedAt);
      const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0));
      href = URL.createObjectURL(new Blob([bytes], { type: r.value.mime }));
      setUrl({ href, mime: r.value.mime });
    });
    return () => {
      if (href) URL.revokeObjectURL(href);
    };
  }, [sha256]);
  if (purgedAt) return <p className="alert alert-warn">Documento eliminado por la política de retención ({formatDateTime(purgedAt).slice(0, 10)}).</p>;
  if (failed) return <p className="alert alert-error">No se pudo abrir «{name}».</p>;
  if (!url) return <p className="muted">Abriendo «{name}»…</p>;
  return url.mime === 'application/pdf' ? (
    <iframe className="doc-frame" title={`Documento ${name}`} src={url.href} />
  ) : (
    <img className="doc-image" src={url.href} alt={`Documento ${name}`} />
  );
}
