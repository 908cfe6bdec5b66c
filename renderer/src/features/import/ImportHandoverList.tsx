import { useLayoutEffect, useRef } from 'react';
import type { PickedFile } from '../../../../shared/contracts/fileRef';
import { importStart, type ImportSummary } from '../../../../shared/contracts/importBase';
import { importHandoversJob } from '../../../../shared/contracts/jobKinds';
import { jobResult } from '../../../../shared/contracts/jobs';
import { HANDOVER_LIST_FIELDS } from '../../../../shared/handoverListFields';
import type { AppError } from '../../../../shared/result';
import { invoke, pickFile } from '../../api/client';
import { waitForJob } from '../../api/jobs';
import { CountGrid } from '../../components/CountGrid';
import { ProblemBox, type Problem } from '../../components/ProblemBox';
import { ImportIssues } from './ImportIssues';
import { RunningImport } from './RunningImport';
import { FileChooser } from '../../components/FileChooser';
import { tookText } from '../../components/format';
import { useImportHandoverList, type ListStep } from './importHandoverListState';

const FIELD_HEADER = new Map<string, string>(HANDOVER_LIST_FIELDS.map((f) => [f.key, f.header]));

function Counts({ s, done }: { s: ImportSummary; done: boolean }) {
  return (
    <CountGrid
      label="Resumen de la lista de entregas"
      items={[
        ['Filas de datos', s.rows],
        [done ? 'Entregas registradas' : 'Entregas a registrar', s.inserted, s.inserted ? 'good' : ''],
        ['Ya cargadas', s.duplicates, s.duplicates ? 'info' : ''],
        ['Rechazadas', s.rejected, s.rejected ? 'bad' : ''],
        ['Advertencias', s.warnings, s.warnings ? 'warn' : ''],
      ]}
    />
  );
}

/** The columns of the list and what each was read as (`Cédula → IDENTIFICACION` only when the names differ). */
function Columns({ s }: { s: ImportSummary }) {
  const read = s.columns.filter((c) => c.field);
  const unused = s.columns.filter((c) => !c.field);
  const named = (c: (typeof s.columns)[number]) => {
    const canonical = FIELD_HEADER.get(c.field!) ?? c.field!;
    return c.header.trim().toUpperCase() === canonical ? canonical : `${c.header} → ${canonical}`;
  };
  return (
    <>
      <p>
        Hoja «{s.sheet}», encabezados en la fila {s.headerRow}. Columnas reconocidas: {read.map(named).join(', ')}.
        {unused.length > 0 && <span className="muted"> No se usan: {unused.map((c) => c.header || `columna ${c.index + 1}`).join(', ')}.</span>}
      </p>
      {!read.some((c) => c.field === 'acta') && (
        <p className="alert alert-warn">La lista no tiene columna ACTA: cada servicio y día se registrará como un acta sin número (S/N).</p>
      )}
    </>
  );
}

/**
 * Entregas anteriores: an office's own list of returns made before Recupera (IDENTIFICACION,
 * NUMERO DE SERVICIO, SERIE, FECHA DE ENTREGA, OFICINA, ACTA), previewed, then recorded as historical actas.
 */
export function ImportHandoverList() {
  const { step, file, problem } = useImportHandoverList();
  const setStep = (next: ListStep) => useImportHandoverList.setState({ step: next });
  const setProblem = (next: Problem) => useImportHandoverList.setState({ problem: next });

  const box = useRef<HTMLElement>(null);
  const running = step.kind === 'running';
  // As in Importar base: the control that had the focus goes with its step («Cancelar», «Listo», the
  // chooser while the job runs), and the focus fell to the page's body. The job's heading takes it
  // while it runs, the chooser when back at the start. Only when one of them changed, not when the
  // panel appears (a rerun of the same values included): the base's steps bring it back and place the focus themselves.
  const seen = useRef({ kind: step.kind, problem });
  useLayoutEffect(() => {
    const before = seen.current;
    if (before.kind === step.kind && before.problem === problem) return;
    seen.current = { kind: step.kind, problem };
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    box.current?.querySelector<HTMLElement>(running ? 'h2[tabindex="-1"]' : '.file-chooser button')?.focus();
  }, [step.kind, running, problem]);

  async function run(mode: 'preview' | 'commit', f: PickedFile) {
    // Followed to its end even if the screen is left meanwhile; not once another person signed in.
    const { epoch } = useImportHandoverList.getState();
    const put = (p: Partial<{ step: ListStep; problem: Problem }>) => {
      if (useImportHandoverList.getState().epoch === epoch) useImportHandoverList.setState(p);
    };
    const title = mode === 'preview' ? 'No se pudo leer la lista' : 'No se pudieron registrar las entregas';
    const failed = (error: AppError) => put({ step: { kind: 'pick' }, problem: { error, title } });
    put({ problem: null });
    const label = mode === 'preview' ? 'Revisando la lista de entregas (vista previa, no se guarda nada)…' : 'Registrando las entregas anteriores…';
    const started = await invoke(importStart, { file: f, mode, kind: 'ENTREGAS' });
    if (!started.ok) return failed(started.error);
    const jobId = started.value.jobId;
    put({ step: { kind: 'running', label, jobId, state: null } });
    const end = await waitForJob(jobId, (state) => put({ step: { kind: 'running', label, jobId, state } }));
    if ('failed' in end) return failed(end.failed);
    if (end.status === 'cancelled') {
      return put({ step: { kind: 'pick' }, problem: { cancelled: true, title: 'Importación cancelada', error: { kind: 'refused', message: 'No se registró ninguna entrega.' } } });
    }
    const read = jobResult(importHandoversJob, end);
    if (!read.ok) return failed(read.error);
    put({ step: mode === 'preview' ? { kind: 'preview', summary: read.value } : { kind: 'done', summary: read.value } });
  }

  async function choose(f: File | undefined) {
    if (!f) return;
    setProblem(null);
    const r = await pickFile(f);
    if (!r.ok) return setProblem({ error: r.error, title: 'No se pudo leer el archivo' });
    useImportHandoverList.setState({ file: r.value });
    await run('preview', r.value);
  }

  return (
    <section className="panel" aria-labelledby="entregas-title" ref={box}>
      <h2 id="entregas-title">Entregas anteriores a Recupera</h2>
      <ProblemBox problem={problem} />
      {step.kind === 'running' ? (
        <RunningImport step={step} />
      ) : step.kind === 'pick' ? (
        <>
          <p>
            Si la oficina recibió equipos antes de usar Recupera, cargue su lista para que esos clientes no aparezcan como pendientes. Columnas:
            IDENTIFICACION, NUMERO DE SERVICIO, SERIE, FECHA DE ENTREGA, OFICINA y ACTA.
          </p>
          <FileChooser
            label="Lista de entregas anteriores"
            buttonText="Importar lista de entregas anteriores…"
            accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChoose={(files) => void choose(files[0])}
          />
          <p className="muted">Primero verá una vista previa; nada se guarda hasta que pulse «Registrar».</p>
        </>
      ) : step.kind === 'preview' && file ? (
        <>
          <h3>Vista previa de «{file.name}»</h3>
          <Columns s={step.summary} />
          <p>Esto es lo que pasará al registrar. Todavía no se ha guardado nada.</p>
          <Counts s={step.summary} done={false} />
          <ImportIssues s={step.summary} />
          <div className="actions">
            {/* With nothing to register the button is disabled, and a disabled button cannot hold the focus: «Cancelar» takes it. */}
            <button type="button" className="btn btn-primary" autoFocus={step.summary.inserted > 0} disabled={step.summary.inserted === 0} onClick={() => void run('commit', file)}>
              Registrar {step.summary.inserted.toLocaleString('es-EC')} {step.summary.inserted === 1 ? 'entrega' : 'entregas'}
            </button>
            <button type="button" className="btn" autoFocus={step.summary.inserted === 0} onClick={() => setStep({ kind: 'pick' })}>
              Cancelar
            </button>
          </div>
        </>
      ) : step.kind === 'done' ? (
        <>
          <h3>Entregas anteriores registradas</h3>
          <p role="status">
            «{step.summary.fileName}» se cargó {tookText(step.summary.seconds)}: {step.summary.inserted.toLocaleString('es-EC')}{' '}
            {step.summary.inserted === 1 ? 'entrega registrada' : 'entregas registradas'}.
          </p>
          <Counts s={step.summary} done />
          <ImportIssues s={step.summary} />
          <div className="actions">
            <button type="button" className="btn btn-primary" autoFocus onClick={() => setStep({ kind: 'pick' })}>
              Listo
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
