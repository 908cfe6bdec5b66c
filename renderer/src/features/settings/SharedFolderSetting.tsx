import { useEffect, useState, type FormEvent } from 'react';
import { sharedFolderGet, sharedFolderSet, type SharedFolderState } from '../../../../shared/contracts/sharedFolder';
import type { AppError } from '../../../../shared/result';
import { can } from '../../../../shared/roles';
import { invoke } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { useApp } from '../../store/app';

/**
 * "Carpeta compartida con Posventa": a network folder both sides reach. Where it is set, packages
 * and updates go through it on their own; otherwise they are carried by hand.
 */
export function SharedFolderSetting() {
  const user = useApp((s) => s.info?.user);
  const editable = user ? can(user.role, 'settings') : false;
  const [state, setState] = useState<SharedFolderState | null>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    void invoke(sharedFolderGet, {}).then((r) => {
      setLoaded(true);
      if (!r.ok) return setError(r.error);
      setState(r.value);
      setPath(r.value.path ?? '');
    });
  }, []);

  async function save(value: string | null) {
    setBusy(true);
    setError(null);
    setSaved(null);
    const r = await invoke(sharedFolderSet, { path: value });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setState(r.value);
    setPath(r.value.path ?? '');
    setSaved(r.value.path ? 'Carpeta compartida guardada: Recupera puede escribir en ella.' : 'Sin carpeta compartida: los archivos se llevan a mano.');
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void save(path.trim() || null);
  }

  return (
    <form noValidate className="panel" onSubmit={submit} aria-labelledby="shared-folder-title">
      <h2 id="shared-folder-title">Carpeta compartida con Posventa</h2>
      <p className="muted">
        Una carpeta de red que ven las oficinas y Posventa. Si la configura, el paquete que exporta una oficina queda también en su carpeta{' '}
        <span className="mono">paquetes</span>, la actualización que publica Posventa en <span className="mono">actualizaciones</span>, y cada oficina
        aplica sola las actualizaciones nuevas al abrir Recupera y cada pocos minutos. Sin carpeta, los archivos se llevan a mano (memoria USB o correo).
      </p>
      <ErrorBox error={error} />
      {saved && (
        <p className="alert alert-ok" role="status">
          {saved}
        </p>
      )}
      {state?.path && !state.reachable && !error && <p className="alert alert-warn">La carpeta no responde ahora: {state.problem}</p>}
      {/* Closed until the stored folder is read: what someone types first is never wiped by the answer. */}
      <fieldset disabled={!editable || busy || !loaded}>
        <Field label="Carpeta compartida" hint="Ruta completa, por ejemplo \\servidor\recupera o Z:\recupera. Se comprueba que existe y que Recupera puede escribir en ella." error={error?.fields?.path}>
          {(id, d) => <input id={id} aria-describedby={d} value={path} spellCheck={false} autoComplete="off" onChange={(e) => setPath(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={!path.trim()}>
            Guardar carpeta
          </button>
          {state?.path && (
            <button type="button" className="btn" onClick={() => void save(null)}>
              Quitar la carpeta compartida
            </button>
          )}
        </div>
      </fieldset>
      {!editable && <p className="muted">Solo un administrador puede cambiarla.</p>}
    </form>
  );
}
