import { useState } from 'react';
import { appDiagnostics } from '../../../../shared/contracts/app';
import type { AppError } from '../../../../shared/result';
import { invoke, saveReport } from '../../api/client';
import { ErrorBox } from '../../components/common';

/**
 * "Copiar diagnóstico": one file for support with the versions, the database's checks, the station,
 * the campaign settings and the log's last lines — no customer data. It is written in the data
 * folder and offered like every generated file: the user saves a copy where support can get it.
 */
export function Diagnostics() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [file, setFile] = useState<{ path: string; fileName: string } | null>(null);

  async function copy() {
    setBusy(true);
    setError(null);
    const r = await invoke(appDiagnostics, {});
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setFile(r.value);
    await saveReport(r.value.path, r.value.fileName);
  }

  return (
    <section className="panel" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title">Diagnóstico para soporte</h2>
      <p className="muted">
        Un archivo con la versión de Recupera, la revisión de la base de datos, la estación, la configuración de la campaña y las últimas líneas del
        registro. No incluye datos de clientes. Envíelo a soporte cuando le pidan revisar un problema.
      </p>
      <ErrorBox error={error} />
      {file && (
        <p className="alert alert-ok" role="status">
          Diagnóstico listo: <span className="mono">{file.fileName}</span>{' '}
          <button type="button" className="btn btn-small" onClick={() => void saveReport(file.path, file.fileName)}>
            Guardar una copia…
          </button>
        </p>
      )}
      <button type="button" className="btn" disabled={busy} onClick={() => void copy()}>
        {busy ? 'Preparando diagnóstico…' : 'Copiar diagnóstico'}
      </button>
    </section>
  );
}
