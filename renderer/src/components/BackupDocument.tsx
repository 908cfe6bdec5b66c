import { useEffect, useState } from 'react';
import { z } from 'zod';
import { backupsFile, type DocumentHolder } from '../../../shared/contracts/backups';
import { ViewDocumentResult } from '../../../shared/contracts/shell';
import { invoke, isElectron } from '../api/client';
import { formatDateTime } from '../../../shared/dates';

interface Props {
  sha256: string;
  name: string;
  of: DocumentHolder;
}

/** What the shell answers for shell:viewDocument (electron/shell/shellIpc.ts). */
const ViewAnswer = z.union([
  z.object({ ok: z.literal(true), value: ViewDocumentResult }),
  z.object({ ok: z.literal(false), error: z.object({ message: z.string() }) }),
]);

/**
 * A respaldo document (PDF, JPEG or PNG from mail and packages: untrusted). In the desktop app it
 * opens in the shell's own viewer window (no scripts, no preload, its own session), never inside
 * this page. In browser mode images show inline and a PDF opens in a new tab: the browser's own
 * PDF viewer will not render inside a sandboxed frame. `of` is the respaldo, acta or message on
 * screen: the same bytes may be attached to several, and the audit entry names the one opened.
 */
export function BackupDocument({ sha256, name, of }: Props) {
  return isElectron() ? <DesktopDocument sha256={sha256} name={name} of={of} /> : <BrowserDocument sha256={sha256} name={name} of={of} />;
}

function Purged({ at }: { at: string }) {
  return <p className="alert alert-warn">Documento eliminado por la política de retención ({formatDateTime(at).slice(0, 10)}).</p>;
}

function DesktopDocument({ sha256, name, of }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [purgedAt, setPurgedAt] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function open() {
    setBusy(true);
    setError(null);
    try {
      const r = ViewAnswer.safeParse(await window.recupera?.viewDocument({ sha256, of, name }));
      if (!r.success) setError(`No se pudo abrir «${name}».`);
      else if (!r.data.ok) setError(r.data.error.message);
      else if ('purgedAt' in r.data.value) setPurgedAt(r.data.value.purgedAt);
    } catch {
      setError(`No se pudo abrir «${name}».`);
    } finally {
      setBusy(false);
    }
  }
  if (purgedAt) return <Purged at={purgedAt} />;
  return (
    <div className="doc-open">
      <button type="button" className="btn" title={`Documento ${name}`} disabled={busy} onClick={() => void open()}>
        Ver «{name}»
      </button>
      {error && <p className="alert alert-error">{error}</p>}
    </div>
  );
}

function BrowserDocument({ sha256, name, of }: Props) {
  const [url, setUrl] = useState<{ href: string; mime: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const [purgedAt, setPurgedAt] = useState<string | null>(null);
  const { kind, id } = of;
  useEffect(() => {
    let href = '';
    void invoke(backupsFile, { sha256, of: { kind, id } }).then((r) => {
      if (!r.ok) return setFailed(true);
      if ('purgedAt' in r.value) return setPurgedAt(r.value.purgedAt);
      const bytes = Uint8Array.from(atob(r.value.base64), (c) => c.charCodeAt(0));
      href = URL.createObjectURL(new Blob([bytes], { type: r.value.mime }));
      setUrl({ href, mime: r.value.mime });
    });
    return () => {
      if (href) URL.revokeObjectURL(href);
    };
  }, [sha256, kind, id]);
  if (purgedAt) return <Purged at={purgedAt} />;
  if (failed) return <p className="alert alert-error">No se pudo abrir «{name}».</p>;
  if (!url) return <p className="muted">Abriendo «{name}»…</p>;
  return url.mime === 'application/pdf' ? (
    <p className="doc-open">
      <a className="btn" href={url.href} target="_blank" rel="noopener noreferrer" title={`Documento ${name}`}>
        Abrir «{name}» en una pestaña nueva
      </a>
    </p>
  ) : (
    <img className="doc-image" src={url.href} alt={`Documento ${name}`} />
  );
}
