import { useLayoutEffect, useRef, useState } from 'react';
import { depurateJob } from '../../../../shared/contracts/jobKinds';
import { syncDepurate, type DepurationResult } from '../../../../shared/contracts/sync';
import { invoke } from '../../api/client';
import type { RunJob } from '../../api/useJob';
import { ProblemBox, type Problem } from '../../components/ProblemBox';
import { DepurationBatches } from './DepurationBatches';
import { DepurationDone } from './DepurationDone';
import type { Overview } from './overview';

/** Depuración: one button writes the three files of a new batch; earlier batches stay listed below. */
export function DepurateTab({ overview, reload, run }: { overview: Overview | null; reload: () => void; run: RunJob }) {
  const [result, setResult] = useState<DepurationResult | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  // «Listo» removes the batch's summary and the button with it: the focus comes back to the depuración, not to the page's body.
  const done = useRef(false);
  const title = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (result || !done.current) return;
    done.current = false;
    title.current?.focus();
  }, [result]);

  async function depurate() {
    setProblem(null);
    setResult(null);
    const end = await run('Depurando la base y generando los archivos…', depurateJob, await invoke(syncDepurate, {}), 'Depuración cancelada. No se registró ningún lote.');
    reload();
    if (!end.ok) return setProblem(end);
    setResult(end.value);
  }

  return (
    <>
      <ProblemBox problem={problem} />
      {result?.messagesWithheld && (
        <p className="alert alert-warn" role="alert">
          {result.messagesWithheld}
        </p>
      )}
      {result ? (
        <DepurationDone
          result={result}
          onDone={() => {
            done.current = true;
            setResult(null);
          }}
        />
      ) : (
        <section className="panel" aria-labelledby="depurate-title">
          <h2 id="depurate-title" ref={title} tabIndex={-1}>
            Depuración
          </h2>
          <p>
            Con todo lo consolidado hasta ahora se escriben tres archivos Excel: la <strong>base depurada</strong> (sin los servicios entregados o regularizados),
            la <strong>carga de valores</strong> para facturación y las <strong>comunicaciones</strong> para IVR y WhatsApp.
          </p>
          <p className="muted">Consolide antes los paquetes de todas las oficinas. Cada depuración queda registrada como un lote numerado.</p>
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => void depurate()}>
              Depurar y generar archivos
            </button>
          </div>
        </section>
      )}
      <DepurationBatches overview={overview} />
    </>
  );
}
