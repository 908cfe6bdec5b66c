import { useCallback, useEffect, useState } from 'react';
import { consolidateJob } from '../../../../shared/contracts/jobKinds';
import { sharedFolderPackages, type SharedPackage } from '../../../../shared/contracts/sharedFolder';
import { syncConsolidate, type ConsolidationResult } from '../../../../shared/contracts/sync';
import { formatDateTime } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import type { RunJob } from '../../api/useJob';
import { ProblemBox, type Problem } from '../../components/ProblemBox';
import { sizeText } from '../../components/format';

/**
 * At the central, where a shared folder is set: the offices' packages waiting in its `paquetes`
 * folder (those not consolidated yet, by their SHA-256), consolidated together as one job.
 */
export function SharedPackages({ run, reload, onResult }: { run: RunJob; reload: () => void; onResult: (r: ConsolidationResult) => void }) {
  const [folder, setFolder] = useState<string | null>(null);
  const [packages, setPackages] = useState<SharedPackage[]>([]);
  const [problem, setProblem] = useState<Problem>(null);
  const [looking, setLooking] = useState(true);

  const look = useCallback(() => {
    void invoke(sharedFolderPackages, {}).then((r) => {
      setLooking(false);
      if (!r.ok) return setProblem({ error: r.error });
      setProblem(null);
      setFolder(r.value.folder);
      setPackages(r.value.packages);
    });
  }, []);
  useEffect(look, [look]);

  async function consolidate() {
    setProblem(null);
    const started = await invoke(syncConsolidate, { packages: packages.map((p) => ({ token: p.token, name: p.name })) });
    const end = await run('Consolidando los paquetes de la carpeta compartida…', consolidateJob, started, 'Consolidación cancelada. Los paquetes ya consolidados quedan guardados.');
    reload();
    look();
    if (!end.ok) return setProblem(end);
    onResult(end.value);
  }

  if (!folder && !problem) return null;
  return (
    <section className="panel" aria-labelledby="shared-packages-title">
      <h2 id="shared-packages-title">Paquetes en la carpeta compartida</h2>
      <ProblemBox problem={problem} />
      {folder && (
        <p className="muted">
          Paquetes que las oficinas dejaron en <span className="mono">{folder}</span> y que todavía no se consolidaron aquí.
        </p>
      )}
      {packages.length === 0 ? (
        <p>{looking ? 'Revisando la carpeta…' : 'No hay paquetes nuevos en la carpeta compartida.'}</p>
      ) : (
        <ul className="picked" style={{ marginLeft: 0 }} aria-label="Paquetes de la carpeta compartida">
          {packages.map((p) => (
            <li key={p.token}>
              <span className="mono">{p.name}</span>
              <span className="muted">
                {sizeText(p.size)} · {formatDateTime(p.modifiedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" className="btn btn-primary" disabled={packages.length === 0} onClick={() => void consolidate()}>
          Consolidar los paquetes de la carpeta compartida{packages.length ? ` (${packages.length})` : ''}
        </button>
        <button
          type="button"
          className="btn"
          disabled={looking}
          onClick={() => {
            setLooking(true);
            look();
          }}
        >
          Volver a revisar
        </button>
      </div>
    </section>
  );
}
