import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { dbBackupKindLabel, dbBackupsCreate, dbBackupsList, dbBackupsRestore, dbBackupsSetFolder, type DbBackup, type DbBackupsState } from '../../../../shared/contracts/dbBackups';
import { dbBackupJob } from '../../../../shared/contracts/jobKinds';
import { formatDateTime } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { useJob } from '../../api/useJob';
import { ErrorBox, Field } from '../../components/common';
import { InlineQuestion } from '../../components/InlineQuestion';
import { useApp } from '../../store/app';

const megabytes = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;

/**
 * "Copias de seguridad": copies of the whole database, taken every day on their own, before every
 * update of Recupera and on demand; the administrator chooses their folder (ideally another disk)
 * and restores one. Restoring checks the copy first and keeps the replaced database aside.
 */
export function DatabaseBackups() {
  const user = useApp((s) => s.info?.user);
  const setUser = useApp((s) => s.setUser);
  const admin = user ? can(user.role, 'settings') : false;
  const [state, setState] = useState<DbBackupsState | null>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<DbBackup | null>(null);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [busy, setBusy] = useState(false);
  const job = useJob();

  async function load() {
    const r = await invoke(dbBackupsList, {});
    if (!r.ok) return setError(r.error);
    setState(r.value);
    setPath(r.value.isDefault ? '' : r.value.folder);
  }
  useEffect(() => {
    void invoke(dbBackupsList, {}).then((r) => {
      if (!r.ok) return setError(r.error);
      setState(r.value);
      setPath(r.value.isDefault ? '' : r.value.folder);
    });
  }, []);

  // The button is disabled while the copy is made, which drops its focus to the page's body: it takes it back once usable.
  const createButton = useRef<HTMLButtonElement>(null);
  const refocusCreate = useRef(false);
  useLayoutEffect(() => {
    if (!refocusCreate.current || job.running) return;
    refocusCreate.current = false;
    createButton.current?.focus();
  });

  async function createNow() {
    setError(null);
    setNotice(null);
    const end = await job.run('Creando copia de seguridad', dbBackupJob, await invoke(dbBackupsCreate, {}), 'Copia cancelada.');
    // Asked for once the job is over: the renders before it must not spend the request.
    refocusCreate.current = true;
    if (!end.ok) return setError(end.error);
    setNotice(`Copia creada: ${end.value.path} (${megabytes(end.value.sizeBytes)}).`);
    await load();
  }

  async function saveFolder(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    const r = await invoke(dbBackupsSetFolder, { path: path.trim() || null });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setState(r.value);
    setNotice(`Las copias se guardarán en ${r.value.folder}.`);
  }

  async function restore(b: DbBackup) {
    setBusy(true);
    setError(null);
    const r = await invoke(dbBackupsRestore, { id: b.id, ...(recoveryKey.trim() ? { recoveryKey: recoveryKey.trim() } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setConfirming(null);
    setRestored(r.value.message);
  }

  if (restored) {
    return (
      <section className="panel" aria-labelledby="db-backups-title">
        <h2 id="db-backups-title">Copias de seguridad</h2>
        <p className="alert alert-ok" role="status">
          {restored}
        </p>
        <button type="button" className="btn btn-primary" onClick={() => setUser(null)}>
          Ingresar de nuevo
        </button>
      </section>
    );
  }

  return (
    <section className="panel" aria-labelledby="db-backups-title">
      <h2 id="db-backups-title">Copias de seguridad</h2>
      <p className="muted">
        Copias completas de la base de datos de esta computadora (actas, respaldos, usuarios y auditoría), cifradas con su llave. Recupera hace una
        cada día por sí solo (conserva las 7 últimas y 4 semanales), una antes de cada actualización de la aplicación y las que pida aquí. Los PDF de
        actas y los documentos de respaldo se copian también, en la subcarpeta <span className="mono">archivo</span>. Guárdelas de preferencia en
        otro disco: una copia en el mismo disco no sirve si el disco falla.
      </p>
      <ErrorBox error={error} />
      {notice && (
        <p className="alert alert-ok" role="status">
          {notice}
        </p>
      )}
      {state && (
        <form noValidate onSubmit={saveFolder}>
          <fieldset disabled={!admin || busy}>
            <Field
              label="Carpeta de las copias"
              hint={`Ruta completa, por ejemplo D:\\copias-recupera. Vacía: ${state.isDefault ? state.folder : 'la carpeta copias de los datos de Recupera'}.`}
              error={error?.fields?.path}
            >
              {(id, d) => <input id={id} aria-describedby={d} value={path} spellCheck={false} autoComplete="off" onChange={(e) => setPath(e.target.value)} />}
            </Field>
            <button type="submit" className="btn">
              Guardar carpeta de copias
            </button>
          </fieldset>
          {!admin && <p className="muted">Solo un administrador puede cambiar la carpeta o restaurar una copia.</p>}
        </form>
      )}
      <div className="actions">
        <button type="button" ref={createButton} className="btn btn-primary" disabled={job.running !== null} onClick={() => void createNow()}>
          {job.running ? 'Creando copia…' : 'Crear copia ahora'}
        </button>
      </div>
      {state && state.backups.length === 0 && <p className="muted">Todavía no hay copias.</p>}
      {state && state.backups.length > 0 && (
        <table className="table" aria-label="Copias de seguridad de la base">
          <thead>
            <tr>
              <th scope="col">Fecha</th>
              <th scope="col">Tipo</th>
              <th scope="col">Tamaño</th>
              <th scope="col">Archivo</th>
              {admin && <th scope="col">Acción</th>}
            </tr>
          </thead>
          <tbody>
            {state.backups.map((b) => (
              <tr key={b.id}>
                <td>{formatDateTime(b.createdAt)}</td>
                <td>{dbBackupKindLabel(b.kind)}</td>
                <td>{megabytes(b.sizeBytes)}</td>
                <td className="mono">
                  {b.fileName}
                  {!b.present && <span className="alert-warn"> (no se encuentra en {b.folder})</span>}
                </td>
                {admin && (
                  <td>
                    <button type="button" className="btn btn-small" disabled={!b.present || busy} aria-label={`Restaurar la copia del ${formatDateTime(b.createdAt)}`} onClick={() => setConfirming(b)}>
                      Restaurar…
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <InlineQuestion title={<>¿Restaurar la copia del {formatDateTime(confirming.createdAt)}?</>} busy={busy} onEscape={() => setConfirming(null)}>
          <p>
            La base de datos actual se reemplaza por esta copia: lo registrado después de la copia deja de verse. La base actual no se borra: queda guardada
            en la carpeta <span className="mono">reemplazadas</span>. Antes se comprueba que la copia esté completa y sea de esta estación. Todos deberán
            ingresar de nuevo.
          </p>
          <Field label="Clave de recuperación (solo si la copia es de otra computadora)" hint="La que se imprimió al configurar la estación.">
            {(id, d) => <input id={id} aria-describedby={d} value={recoveryKey} spellCheck={false} autoComplete="off" onChange={(e) => setRecoveryKey(e.target.value)} />}
          </Field>
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void restore(confirming)}>
              {busy ? 'Restaurando…' : 'Restaurar esta copia'}
            </button>
            {/* The question opens below a list that can be long: the keyboard (and the view) goes to it, on the answer that changes nothing. */}
            <button type="button" className="btn" disabled={busy} autoFocus onClick={() => setConfirming(null)}>
              Cancelar
            </button>
          </div>
        </InlineQuestion>
      )}
    </section>
  );
}
