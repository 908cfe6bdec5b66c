import { useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { BASE_FIELDS, type BaseFieldKey } from '../../../../shared/baseFields';
import type { PickedFile } from '../../../../shared/contracts/fileRef';
import { importStart, type ImportMode, type ImportSummary } from '../../../../shared/contracts/importBase';
import { importBaseJob } from '../../../../shared/contracts/jobKinds';
import { jobResult } from '../../../../shared/contracts/jobs';
import type { AppError } from '../../../../shared/result';
import { invoke, pickFile } from '../../api/client';
import { waitForJob } from '../../api/jobs';
import { useApp } from '../../store/app';
import { ProblemBox, type Problem } from '../../components/ProblemBox';
import { ImportHandoverList } from './ImportHandoverList';
import { ImportIssues as Issues } from './ImportIssues';
import { RunningImport } from './RunningImport';
import { useImportBase, type ImportStep } from './importBaseState';
import { useImportHandoverList } from './importHandoverListState';
import { FileChooser } from '../../components/FileChooser';
import { tookText } from '../../components/format';

const LABELS: Record<ImportMode, string> = {
  inspect: 'Leyendo encabezados…',
  preview: 'Revisando el archivo (vista previa, no se guarda nada)…',
  commit: 'Importando la base…',
};

/** What a failed step is called on screen: the situation, not the error's kind. */
const FAILED: Record<ImportMode, string> = {
  inspect: 'No se pudo leer el archivo',
  preview: 'No se pudo revisar el archivo',
  commit: 'No se pudo importar la base',
};

function Counts({ s }: { s: ImportSummary }) {
  const items: Array<[string, number, string]> = [
    ['Filas de datos', s.rows, ''],
    ['Nuevas', s.inserted, 'good'],
    ['Actualizadas', s.updated, 'info'],
    ['Sin cambios', s.unchanged, ''],
    ['Repetidas', s.duplicates, 'warn'],
    ['Rechazadas', s.rejected, s.rejected ? 'bad' : ''],
    ['Advertencias', s.warnings, s.warnings ? 'warn' : ''],
  ];
  return (
    <dl className="counts">
      {items.map(([label, n, tone]) => (
        <div key={label} className={`count ${tone}`}>
          <dt>{label}</dt>
          <dd>{n.toLocaleString('es-EC')}</dd>
        </div>
      ))}
    </dl>
  );
}

function rowsText(n: number): string {
  return `${n.toLocaleString('es-EC')} ${n === 1 ? 'fila' : 'filas'}`;
}

/** Importar base: file → mapping → preview → import → report. Nothing is written before "Importar". */
export function ImportBase() {
  const { refresh, focusSearch } = useApp();
  const { step, file, mapping, problem } = useImportBase();
  const setStep = (step: ImportStep) => useImportBase.setState({ step });
  const setMapping = (mapping: Array<BaseFieldKey | null>) => useImportBase.setState({ mapping });
  const setProblem = (problem: Problem) => useImportBase.setState({ problem });
  const [dragging, setDragging] = useState(false);
  /** The list of earlier returns is being previewed or imported: the base panel steps aside. */
  const listActive = useImportHandoverList((s) => s.step.kind !== 'pick');

  async function run(mode: ImportMode, f: PickedFile, map?: Array<BaseFieldKey | null>) {
    // Followed to its end even if the screen is left meanwhile; not once another person signed in.
    const { epoch, step: before } = useImportBase.getState();
    const put = (p: Partial<Pick<ReturnType<typeof useImportBase.getState>, 'step' | 'mapping' | 'problem'>>) => {
      if (useImportBase.getState().epoch === epoch) useImportBase.setState(p);
    };
    const setStep = (step: ImportStep) => put({ step });
    const setProblem = (problem: Problem) => put({ problem });
    setProblem(null);
    const failed = (error: AppError) => setProblem({ error, title: FAILED[mode] });
    const started = await invoke(importStart, { file: f, mode, ...(map ? { mapping: map } : {}) });
    if (!started.ok) return failed(started.error);
    const jobId = started.value.jobId;
    setStep({ kind: 'running', label: LABELS[mode], jobId, state: null });
    const end = await waitForJob(jobId, (state) => setStep({ kind: 'running', label: LABELS[mode], jobId, state }));
    if ('failed' in end) {
      setStep({ kind: 'pick' });
      return failed(end.failed);
    }
    if (end.status === 'cancelled') {
      setStep({ kind: 'pick' });
      return setProblem({ cancelled: true, title: 'Importación cancelada', error: { kind: 'refused', message: 'La base quedó como estaba.' } });
    }
    if (end.status === 'failed') {
      setStep(mode === 'inspect' || before.kind === 'running' ? { kind: 'pick' } : before);
      return failed(end.error ?? { kind: 'internal', message: 'La importación falló.' });
    }
    const read = jobResult(importBaseJob, end);
    if (!read.ok) {
      setStep({ kind: 'pick' });
      return failed(read.error);
    }
    const summary = read.value;
    if (mode === 'inspect') {
      put({ mapping: summary.columns.map((c) => c.field as BaseFieldKey | null), step: { kind: 'mapping', summary } });
    } else if (mode === 'preview') setStep({ kind: 'preview', summary });
    else {
      setStep({ kind: 'done', summary });
      void refresh();
    }
  }

  async function choose(f: File | undefined) {
    if (!f) return;
    setProblem(null);
    const r = await pickFile(f);
    if (!r.ok) return setProblem({ error: r.error, title: FAILED.inspect });
    useImportBase.setState({ file: r.value });
    await run('inspect', r.value);
  }

  const root = useRef<HTMLDivElement>(null);
  // Each step replaces the control that had the focus (the file button, «Ver vista previa», «Cancelar»):
  // the focus fell to the page's body and a keyboard user started again from the menu. The step's
  // heading takes it (the file button when back at the start); a step that focuses a button itself keeps it.
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const box = root.current;
    (box?.querySelector<HTMLElement>('h2[tabindex="-1"]') ?? box?.querySelector<HTMLElement>('.dropzone button'))?.focus();
  }, [step.kind, problem]);

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void choose(e.dataTransfer.files[0]);
  }

  const used = new Set(mapping.filter(Boolean));
  const missing = !mapping.includes('serviceNumber') || (!mapping.includes('identification') && !mapping.includes('name'));

  return (
    <div className="page" ref={root}>
      <h1>Importar base de clientes</h1>
      <ProblemBox problem={problem} />
      {step.kind === 'pick' && !listActive && (
        <section
          className={`panel dropzone ${dragging ? 'dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>Arrastre aquí el archivo de la base (Excel .xlsx o CSV), o elíjalo:</p>
          <FileChooser
            label="Archivo de la base"
            primary
            accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            onChoose={(files) => void choose(files[0])}
          />
          <p className="muted">Primero verá las columnas reconocidas y una vista previa; nada se guarda hasta que pulse «Importar».</p>
        </section>
      )}
      {step.kind === 'pick' && <ImportHandoverList />}
      {step.kind === 'running' && <RunningImport step={step} />}
      {step.kind === 'mapping' && file && (
        <section className="panel">
          <h2 tabIndex={-1}>Columnas de «{file.name}»</h2>
          <p>
            Hoja «{step.summary.sheet}», encabezados en la fila {step.summary.headerRow}
            {step.summary.skippedSheets.length > 0 ? ` (se omitieron las hojas ${step.summary.skippedSheets.map((s) => `«${s}»`).join(', ')})` : ''}. Revise a
            qué dato corresponde cada columna; las que no reconocimos están marcadas.
          </p>
          <table className="table mapping">
            <thead>
              <tr>
                <th scope="col">Columna del archivo</th>
                <th scope="col">Dato en Recupera</th>
                <th scope="col">Ejemplos</th>
              </tr>
            </thead>
            <tbody>
              {step.summary.columns.map((c, i) => (
                <tr key={c.index} className={mapping[i] ? '' : 'unmapped'}>
                  <td>{c.header || `(columna ${c.index + 1} sin título)`}</td>
                  <td>
                    <select
                      aria-label={`Dato para la columna ${c.header || c.index + 1}`}
                      value={mapping[i] ?? ''}
                      onChange={(e) => {
                        const next = [...mapping];
                        next[i] = (e.target.value || null) as BaseFieldKey | null;
                        setMapping(next);
                      }}
                    >
                      <option value="">— No importar —</option>
                      {BASE_FIELDS.map((f) => (
                        <option key={f.key} value={f.key} disabled={used.has(f.key) && mapping[i] !== f.key}>
                          {f.header}
                        </option>
                      ))}
                    </select>
                    {!mapping[i] && <span className="tag-warn">Sin asignar</span>}
                  </td>
                  <td className="samples">{c.samples.filter(Boolean).slice(0, 3).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {missing && (
            <p className="alert alert-warn" role="status">
              Asigne al menos NUMERO DE SERVICIO y la IDENTIFICACION o APELLIDOS Y NOMBRES.
            </p>
          )}
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={missing} onClick={() => void run('preview', file, mapping)}>
              Ver vista previa
            </button>
            <button type="button" className="btn" onClick={() => setStep({ kind: 'pick' })}>
              Elegir otro archivo
            </button>
          </div>
        </section>
      )}
      {step.kind === 'preview' && file && (
        <section className="panel">
          <h2>Vista previa de «{file.name}»</h2>
          <p>Esto es lo que pasará al importar. Todavía no se ha guardado nada.</p>
          <Counts s={step.summary} />
          <Issues s={step.summary} />
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => void run('commit', file, mapping)} autoFocus>
              Importar {rowsText(step.summary.inserted + step.summary.updated + step.summary.unchanged)}
            </button>
            <button type="button" className="btn" onClick={() => setStep({ kind: 'pick' })}>
              Cancelar
            </button>
          </div>
        </section>
      )}
      {step.kind === 'done' && (
        <section className="panel">
          <h2>Importación terminada</h2>
          <p role="status">
            «{step.summary.fileName}» se importó {tookText(step.summary.seconds)}.
          </p>
          <Counts s={step.summary} />
          <Issues s={step.summary} />
          <div className="actions">
            <button type="button" className="btn btn-primary" onClick={() => focusSearch()} autoFocus>
              Ir a buscar clientes
            </button>
            <button type="button" className="btn" onClick={() => setStep({ kind: 'pick' })}>
              Importar otro archivo
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
