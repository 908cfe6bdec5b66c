import { useState } from 'react';
import { applyUpdateJob } from '../../../../shared/contracts/jobKinds';
import type { PickedFile } from '../../../../shared/contracts/fileRef';
import { updatesApply, type ApplyUpdateResult } from '../../../../shared/contracts/updates';
import { invoke, pickFile } from '../../api/client';
import { useJob } from '../../api/useJob';
import { CountGrid } from '../../components/CountGrid';
import { JobProgress, NO_PROGRESS } from '../../components/JobProgress';
import { ProblemBox, type Problem } from '../../components/ProblemBox';
import { useApp } from '../../store/app';
import { baseText, changeCounts, kindText } from './updateText';
import { FileChooser } from '../../components/FileChooser';

const EXTENSION = '.recupera-nacional';

/** At an office: choose the update file Posventa sent, apply it, and see what changed here. */
export function ApplyUpdate({ onDone }: { onDone: () => void }) {
  const [picked, setPicked] = useState<PickedFile | null>(null);
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<ApplyUpdateResult | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const refreshApp = useApp((s) => s.refresh);
  const job = useJob();

  async function choose(file: File | undefined) {
    if (!file) return;
    setProblem(null);
    setResult(null);
    if (!file.name.toLowerCase().endsWith(EXTENSION)) {
      return setProblem({ error: { kind: 'validation', message: `«${file.name}» no es una actualización nacional de Recupera. Elija el archivo ${EXTENSION} que envió Posventa.` } });
    }
    setUploading(true);
    try {
      const r = await pickFile(file);
      if (!r.ok) return setProblem({ error: r.error });
      setPicked(r.value);
    } finally {
      setUploading(false);
    }
  }

  async function apply() {
    if (!picked) return;
    setProblem(null);
    const end = await job.run('Aplicando la actualización nacional…', applyUpdateJob, await invoke(updatesApply, { file: picked }), 'Cancelado. La actualización no se aplicó: esta estación quedó como estaba.');
    onDone();
    if (!end.ok) return setProblem(end);
    setResult(end.value);
    setPicked(null);
    // A conflict resolution may have renamed this station: the top bar shows its code.
    if (end.value.changes.renamedTo) void refreshApp();
  }

  if (job.running) return <JobProgress label={job.running.label} progress={job.running.progress ?? NO_PROGRESS} queued={job.running.queued} onCancel={job.cancel} />;
  if (result) {
    const c = result.changes;
    return (
      <section className="panel" aria-labelledby="apply-done">
        <h2 id="apply-done">{result.alreadyApplied ? `La actualización N.º ${result.seq} ya estaba aplicada` : `Actualización N.º ${result.seq} aplicada`}</h2>
        {result.alreadyApplied ? (
          <p role="status">Esta estación ya tenía esa actualización: no cambió nada.</p>
        ) : (
          <>
            <p role="status">
              Se aplicó <strong className="mono">{result.file}</strong> de {result.central} ({kindText(result, true)}). Las fichas de los clientes ya
              muestran lo que registraron las demás oficinas y lo que decidió Posventa.
            </p>
            <CountGrid label="Cambios en esta estación" items={changeCounts(c)} />
            <p className="muted">{baseText(c)}</p>
            {result.notice && <p className="alert alert-warn">{result.notice}</p>}
            {c.renamedTo && <p className="alert alert-warn">Por una resolución de Posventa, esta estación ahora usa el código {c.renamedTo}.</p>}
            {c.heldBack.length > 0 && (
              <div className="alert alert-warn">
                <p>Estas actas no se pudieron registrar todavía; llegarán en la próxima actualización:</p>
                <ul>
                  {c.heldBack.map((h) => (
                    <li key={h.actaNumber}>
                      <span className="mono">{h.actaNumber}</span>: {h.reason}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
        <div className="actions">
          <button type="button" className="btn btn-primary" autoFocus onClick={() => setResult(null)}>
            Listo
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="apply-title">
      <ProblemBox problem={problem} />
      <h2 id="apply-title">Aplicar una actualización de Posventa</h2>
      <p>
        Elija el archivo <span className="mono">{EXTENSION}</span> que envió Posventa. Recupera comprueba que lo firmó la central en la que confía esta estación y
        que nadie lo cambió; si no, lo rechaza sin tocar nada.
      </p>
      <FileChooser
        label="Archivo de actualización nacional (.recupera-nacional)"
        buttonText="Aplicar actualización…"
        accept={EXTENSION}
        chosen={picked ? [picked.name] : []}
        hideStatus={!!picked}
        onChoose={(files) => void choose(files[0])}
      />
      {uploading && <p aria-live="polite">Cargando el archivo…</p>}
      {picked && (
        <ul className="picked" style={{ marginLeft: 0 }} aria-label="Actualización elegida">
          <li>
            <span className="mono">{picked.name}</span>
            <button type="button" className="btn btn-small" aria-label={`Quitar ${picked.name}`} onClick={() => setPicked(null)}>
              Quitar
            </button>
          </li>
        </ul>
      )}
      <div className="actions">
        <button type="button" className="btn btn-primary" disabled={!picked || uploading} onClick={() => void apply()}>
          Aplicar la actualización
        </button>
      </div>
      <p className="muted">Se aplican en orden; una completa sirve siempre. Aplicar la misma dos veces no cambia nada.</p>
    </section>
  );
}
