import { useEffect, useId, useState } from 'react';
import { appRecoveryKey } from '../../../../shared/contracts/app';
import { invoke } from '../../api/client';

/**
 * The recovery key, shown once: the database and the files Recupera keeps are encrypted with a key
 * stored on this PC; this text opens them on another PC or if that key is lost. The person copies
 * or prints it and confirms they kept it before going on.
 */
function RecoveryKeyPanel({ recoveryKey, onDone, titleId }: { recoveryKey: string; onDone: () => void; titleId: string }) {
  const [kept, setKept] = useState(false);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const checkId = useId();

  async function copy() {
    try {
      await navigator.clipboard.writeText(recoveryKey);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <>
      <h1 id={titleId}>Clave de recuperación</h1>
      <p>
        Guarde esta clave de recuperación en papel, en un lugar seguro y fuera de esta computadora. La base de datos de Recupera está cifrada: esta
        clave es la única forma de abrirla en otra computadora (por ejemplo, al restaurar un respaldo) o si se pierde la llave guardada en este equipo.
        No se volverá a mostrar.
      </p>
      <output aria-label="Clave de recuperación" className="recovery-key" style={{ display: 'block', fontFamily: 'monospace', fontSize: '1.25rem', letterSpacing: '0.05em', margin: '1rem 0', wordBreak: 'break-word' }}>
        {recoveryKey}
      </output>
      <div className="row">
        <button type="button" className="btn" onClick={() => void copy()}>
          Copiar clave
        </button>
        <button type="button" className="btn" onClick={() => window.print()}>
          Imprimir
        </button>
      </div>
      <p role="status">{copied === 'yes' ? 'Clave copiada.' : copied === 'no' ? 'No se pudo copiar: escríbala o imprímala.' : ''}</p>
      <label className="radio" htmlFor={checkId}>
        <input id={checkId} type="checkbox" checked={kept} onChange={(e) => setKept(e.target.checked)} /> La guardé en un lugar seguro
      </label>
      <button type="button" className="btn btn-primary" disabled={!kept} onClick={onDone}>
        Continuar
      </button>
    </>
  );
}

/** The first-run wizard's last step: the key is shown right after the station is configured. */
export function RecoveryKeyStep({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const titleId = useId();
  return (
    <main className="center-page">
      <section className="panel narrow" aria-labelledby={titleId}>
        <RecoveryKeyPanel recoveryKey={recoveryKey} onDone={onDone} titleId={titleId} />
      </section>
    </main>
  );
}

/**
 * A database encrypted when this version first opened it had nobody to show its key to at setup:
 * the first administrator or coordinator who signs in is given it here, once.
 */
export function PendingRecoveryKey() {
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null);
  const titleId = useId();
  useEffect(() => {
    let live = true;
    void invoke(appRecoveryKey, {}).then((r) => {
      if (live && r.ok && r.value.recoveryKey) setRecoveryKey(r.value.recoveryKey);
    });
    return () => {
      live = false;
    };
  }, []);
  if (!recoveryKey) return null;
  return (
    <div className="modal-backdrop">
      <section className="panel modal" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <RecoveryKeyPanel recoveryKey={recoveryKey} onDone={() => setRecoveryKey(null)} titleId={titleId} />
      </section>
    </div>
  );
}
