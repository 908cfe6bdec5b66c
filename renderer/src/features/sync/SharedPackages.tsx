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
 * folder (those not consolidated yet, by their SHA-256), consolidated together as one job. A file
 * refused here before is listed apart with why, and tried again only when asked (once its office
 * is enrolled, say): each try records another refusal in the audit log.
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

  const fresh = packages.filter((p) => !p.refused);
  const refused = packages.filter((p) => p.refused);

  async function consolidate(chosen: SharedPackage[]) {
    setProblem(null);
    const started = await invoke(syncConsolidate, { packages: chosen.map((p) => ({ token: p.token, name: p.name })) });
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
      {fresh.length === 0 ? (
        <p>{looking ? 'Revisando la carpeta…' : 'No hay paquetes nuevos en la carpeta compartida.'}</p>
      ) : (
        <ul className="picked" style={{ marginLeft: 0 }} aria-label="Paquetes de la carpeta compartida">
          {fresh.map((p) => (
            <li key={p.token}>
              <span className="mono">{p.name}</span>
              <span className="muted">
                {sizeText(p.size)} · {formatDateTime(p.modifiedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {refused.length > 0 && (
        <>
          <h3>Rechazados antes (no se vuelven a intentar solos)</h3>
          <ul className="picked" style={{ marginLeft: 0 }} aria-label="Paquetes de la carpeta compartida rechazados antes">
            {refused.map((p) => (
              <li key={p.token} className="refused">
                <span className="mono">{p.name}</span>
                <span className="muted">
                  Rechazado el {formatDateTime(p.refused!.at)}: {p.refused!.reason}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="actions">
        <button type="button" className="btn btn-primary" disabled={fresh.length === 0} onClick={() => void consolidate(fresh)}>
          Consolidar los paquetes de la carpeta compartida{fresh.length ? ` (${fresh.length})` : ''}
        </button>
        {refused.length > 0 && (
          <button type="button" className="btn" onClick={() => void consolidate(refused)}>
            Intentar de nuevo con los rechazados ({refused.length})
          </button>
        )}
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
