import { useCallback, useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { OutputOf } from '../../../shared/contracts/contract';
import { syncConsolidate, syncDepurate, syncOverview, type ConsolidationResult, type DepurationResult, type PackageOutcome } from '../../../shared/contracts/sync';
import { formatDateTime } from '../../../shared/dates';
import { formatUsd } from '../../../shared/money';
import type { AppError } from '../../../shared/result';
import { fileToPath, invoke, saveReport } from '../api/client';
import { useJob, type RunJob } from '../api/useJob';
import { ErrorBox } from '../components/common';
import { JobProgress, NO_PROGRESS } from '../components/JobProgress';
import { conflictLabel, CountGrid, fileNameOf, groupConflicts, ProblemBox, rangeText, RecordCountCells, RecordCountHeads, ShortHash, tookText, type Problem } from '../components/sync';

type Overview = OutputOf<typeof syncOverview>;
type Tab = 'consolidar' | 'depurar';
interface Picked {
  path: string;
  name: string;
  size: number;
}

function sizeText(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('es-EC')} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('es-EC', { maximumFractionDigits: 1 })} MB`;
}

function insertedText(o: PackageOutcome): string {
  const i = o.inserted;
  return `${i.handovers} actas, ${i.items} equipos, ${i.backups} respaldos, ${i.voids} anulaciones nuevas · ${o.duplicates} ya estaban`;
}

function ConflictGroups({ conflicts, headingLevel }: { conflicts: Array<{ kind: Parameters<typeof conflictLabel>[0]; detail: string; createdAt?: string }>; headingLevel: 3 | 4 }) {
  const H = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <>
      {groupConflicts(conflicts).map(([kind, list]) => (
        <section key={kind} className="conflict-group" aria-label={`${conflictLabel(kind)} (${list.length})`}>
          <H>
            {conflictLabel(kind)} <span className="badge tone-partial">{list.length}</span>
          </H>
          <ul className="issue-list">
            {list.map((c, i) => (
              <li key={i}>
                {c.detail}
                {c.createdAt && <span className="muted"> · {formatDateTime(c.createdAt)}</span>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function ConsolidationSummary({ r, onAgain, onDepurate }: { r: ConsolidationResult; onAgain: () => void; onDepurate: () => void }) {
  const read = r.outcomes.filter((o) => o.status === 'read').length;
  return (
    <section className="panel" aria-labelledby="consolidation-done">
      <h2 id="consolidation-done">Resumen de la consolidación</h2>
      <p role="status">
        {r.packages === 1 ? '1 paquete' : `${r.packages} paquetes`}: {read} {read === 1 ? 'leído' : 'leídos'}, {r.refused.length}{' '}
        {r.refused.length === 1 ? 'rechazado' : 'rechazados'}, {tookText(r.seconds)}.
      </p>
      <CountGrid
        label="Registros consolidados"
        items={[
          ['Actas nuevas', r.inserted.handovers, r.inserted.handovers ? 'good' : ''],
          ['Equipos nuevos', r.inserted.items, r.inserted.items ? 'good' : ''],
          ['Respaldos nuevos', r.inserted.backups],
          ['Anulaciones nuevas', r.inserted.voids],
          ['Ya estaban', r.duplicates, r.duplicates ? 'info' : ''],
          ['Conflictos nuevos', r.conflicts.length, r.conflicts.length ? 'warn' : ''],
          ['Paquetes rechazados', r.refused.length, r.refused.length ? 'bad' : ''],
        ]}
      />
      <table className="table compact">
        <caption className="sr-only">Resultado por paquete</caption>
        <thead>
          <tr>
            <th scope="col">Archivo</th>
            <th scope="col">Estación</th>
            <th scope="col">Oficina</th>
            <th scope="col">Resultado</th>
            <th scope="col">Detalle</th>
          </tr>
        </thead>
        <tbody>
          {r.outcomes.map((o, i) => (
            <tr key={i}>
              <td className="mono filename">{o.package}</td>
              <td className="mono nowrap">{o.station ?? '—'}</td>
              <td>{o.office ?? '—'}</td>
              <td>{o.status === 'read' ? <span className="badge tone-done">Leído</span> : <span className="badge tone-rejected">Rechazado</span>}</td>
              <td>{o.status === 'read' ? insertedText(o) : o.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.conflicts.length > 0 ? (
        <div className="conflicts">
          <h3>Conflictos encontrados en esta consolidación</h3>
          <ConflictGroups conflicts={r.conflicts} headingLevel={4} />
        </div>
      ) : (
        <p className="alert alert-ok">Esta consolidación no encontró conflictos nuevos.</p>
      )}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={onDepurate} autoFocus>
          Ir a Depuración
        </button>
        <button type="button" className="btn" onClick={onAgain}>
          Consolidar otros paquetes
        </button>
      </div>
    </section>
  );
}

function ConsolidateTab({ overview, reload, run, onDepurate }: { overview: Overview | null; reload: () => void; run: RunJob; onDepurate: () => void }) {
  const [picked, setPicked] = useState<Picked[]>([]);
  const [uploading, setUploading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [result, setResult] = useState<ConsolidationResult | null>(null);
  const [problem, setProblem] = useState<Problem>(null);

  async function add(files: FileList | null | undefined) {
    const list = [...(files ?? [])];
    if (list.length === 0) return;
    setProblem(null);
    const wrong = list.filter((f) => !f.name.toLowerCase().endsWith('.recupera'));
    if (wrong.length > 0) {
      setProblem({ error: { kind: 'validation', message: `${wrong.map((f) => `«${f.name}»`).join(', ')} no es un paquete de Recupera. Elija archivos .recupera.` } });
    }
    setUploading(true);
    const next: Picked[] = [];
    try {
      for (const f of list.filter((x) => !wrong.includes(x))) {
        if (picked.some((p) => p.name === f.name && p.size === f.size) || next.some((p) => p.name === f.name && p.size === f.size)) continue;
        const r = await fileToPath(f);
        if (!r.ok) {
          setProblem({ error: r.error });
          continue;
        }
        next.push({ path: r.value.path, name: f.name, size: f.size });
      }
    } finally {
      setUploading(false);
    }
    setPicked((p) => [...p, ...next]);
  }

  async function consolidate() {
    setProblem(null);
    const started = await invoke(syncConsolidate, { packages: picked.map((p) => ({ path: p.path, name: p.name })) });
    const end = await run<ConsolidationResult>('Consolidando paquetes…', started, 'Consolidación cancelada. Los paquetes ya consolidados quedan guardados; vuelva a consolidar los demás.');
    reload();
    if (!end.ok) return setProblem(end);
    setResult(end.value);
    setPicked([]);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragging(false);
    void add(e.dataTransfer.files);
  }

  return (
    <>
      <ProblemBox problem={problem} />
      {result ? (
        <ConsolidationSummary r={result} onAgain={() => setResult(null)} onDepurate={onDepurate} />
      ) : (
        <section
          className={`panel dropzone ${dragging ? 'dragging' : ''}`}
          aria-labelledby="consolidate-title"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <h2 id="consolidate-title">Consolidar paquetes de las oficinas</h2>
          <p>Arrastre aquí los paquetes que enviaron las oficinas (archivos .recupera), o elíjalos. Puede elegir varios a la vez.</p>
          <label className="btn file-btn">
            {picked.length ? 'Agregar más paquetes…' : 'Elegir paquetes…'}
            <input
              type="file"
              multiple
              accept=".recupera"
              aria-label="Paquetes de las oficinas (.recupera)"
              onChange={(e) => {
                void add(e.target.files);
                e.target.value = '';
              }}
            />
          </label>
          {uploading && <p aria-live="polite">Cargando los archivos…</p>}
          {picked.length > 0 && (
            <ul className="picked" aria-label="Paquetes elegidos">
              {picked.map((p) => (
                <li key={p.path}>
                  <span className="mono">{p.name}</span> <span className="muted">({sizeText(p.size)})</span>
                  <button type="button" className="btn btn-small" aria-label={`Quitar ${p.name}`} onClick={() => setPicked(picked.filter((x) => x !== p))}>
                    Quitar
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="actions center">
            <button type="button" className="btn btn-primary" disabled={picked.length === 0 || uploading} onClick={() => void consolidate()}>
              {picked.length > 1 ? `Consolidar ${picked.length} paquetes` : 'Consolidar'}
            </button>
          </div>
          <p className="muted">Consolidar el mismo paquete dos veces no duplica nada; un paquete alterado o dañado se rechaza entero.</p>
        </section>
      )}
      <section className="panel" aria-labelledby="open-conflicts">
        <h2 id="open-conflicts">Conflictos abiertos ({overview?.conflicts.length ?? 0})</h2>
        {overview && overview.conflicts.length === 0 ? <p className="muted">No hay conflictos abiertos.</p> : <ConflictGroups conflicts={overview?.conflicts ?? []} headingLevel={3} />}
      </section>
      <ImportedPackages overview={overview} />
    </>
  );
}

function ImportedPackages({ overview }: { overview: Overview | null }) {
  const imports = (overview?.packages ?? []).filter((p) => p.direction === 'IMPORT');
  if (imports.length === 0) return null;
  return (
    <details className="panel">
      <summary>Paquetes consolidados anteriormente ({imports.length})</summary>
      <table className="table compact">
        <thead>
          <tr>
            <th scope="col">Consolidado</th>
            <th scope="col">Estación</th>
            <th scope="col">Archivo</th>
            <th scope="col">Período del paquete</th>
            <RecordCountHeads />
          </tr>
        </thead>
        <tbody>
          {imports.map((p, i) => (
            <tr key={i}>
              <td className="nowrap">{formatDateTime(p.createdAt)}</td>
              <td className="mono nowrap">{p.station}</td>
              <td className="mono filename">{p.fileName}</td>
              <td>{rangeText(p.from, p.to)}</td>
              <RecordCountCells counts={p.counts} />
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const FILES = [
  ['baseDepurada', 'Base depurada', 'la base depurada'],
  ['cargaValores', 'Carga de valores', 'la carga de valores'],
  ['comunicaciones', 'Comunicaciones', 'las comunicaciones'],
] as const;

function usd(total: number): string {
  return formatUsd(Math.round(total * 100));
}

function DepurateTab({ overview, reload, run }: { overview: Overview | null; reload: () => void; run: RunJob }) {
  const [result, setResult] = useState<DepurationResult | null>(null);
  const [problem, setProblem] = useState<Problem>(null);

  async function depurate() {
    setProblem(null);
    setResult(null);
    const end = await run<DepurationResult>('Depurando la base y generando los archivos…', await invoke(syncDepurate, {}), 'Depuración cancelada. No se registró ningún lote.');
    reload();
    if (!end.ok) return setProblem(end);
    setResult(end.value);
  }

  const batches = overview?.batches ?? [];
  return (
    <>
      <ProblemBox problem={problem} />
      {result ? (
        <section className="panel" aria-labelledby="depuration-done">
          <h2 id="depuration-done">Lote {result.batch}</h2>
          <p role="status">
            Archivos generados el {formatDateTime(result.createdAt)}, {tookText(result.seconds)}. Guarde una copia de cada uno para enviarla.
          </p>
          <CountGrid
            label="Estado de los servicios"
            items={[
              ['Pendientes', result.counts.pending, result.counts.pending ? 'bad' : ''],
              ['Parciales', result.counts.partial, result.counts.partial ? 'warn' : ''],
              ['Entregados', result.counts.delivered, 'good'],
              ['Regularizados', result.counts.regularized, 'good'],
              ['En revisión', result.counts.inReview, result.counts.inReview ? 'info' : ''],
              ['Valor total a cargar', usd(result.counts.chargeTotal)],
            ]}
          />
          <table className="table">
            <caption className="sr-only">Archivos del lote {result.batch}</caption>
            <thead>
              <tr>
                <th scope="col">Archivo</th>
                <th scope="col" className="num">
                  Filas
                </th>
                <th scope="col">SHA-256</th>
                <th scope="col">
                  <span className="sr-only">Acciones</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {FILES.map(([key, label, article]) => (
                <tr key={key}>
                  <th scope="row">
                    {label}
                    <div className="muted mono small">{fileNameOf(result.files[key])}</div>
                  </th>
                  <td className="num">{result.rows[key].toLocaleString('es-EC')}</td>
                  <td>
                    <ShortHash sha256={result.sha256[key]} />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="btn btn-small"
                      aria-label={`Guardar una copia de ${article}`}
                      onClick={() => void saveReport(result.files[key], fileNameOf(result.files[key]))}
                    >
                      Guardar una copia…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.rows.reversals > 0 && (
            <p className="muted">La carga de valores incluye {result.rows.reversals.toLocaleString('es-EC')} reversos de valores de lotes anteriores.</p>
          )}
          <div className="actions">
            <button type="button" className="btn" onClick={() => setResult(null)}>
              Listo
            </button>
          </div>
        </section>
      ) : (
        <section className="panel" aria-labelledby="depurate-title">
          <h2 id="depurate-title">Depuración</h2>
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
      <section className="panel" aria-labelledby="batches-title">
        <h2 id="batches-title">Lotes anteriores</h2>
        {batches.length === 0 ? (
          <p className="muted">Todavía no se ha hecho ninguna depuración.</p>
        ) : (
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Lote</th>
                <th scope="col">Fecha</th>
                <th scope="col" className="num">
                  Pendientes
                </th>
                <th scope="col" className="num">
                  Parciales
                </th>
                <th scope="col" className="num">
                  Entregados
                </th>
                <th scope="col" className="num">
                  Regularizados
                </th>
                <th scope="col" className="num">
                  En revisión
                </th>
                <th scope="col" className="num">
                  Valor a cargar
                </th>
                <th scope="col">Archivos</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.batch}>
                  <td className="mono nowrap">{b.batch}</td>
                  <td className="nowrap">{formatDateTime(b.createdAt)}</td>
                  <td className="num">{b.counts.pending.toLocaleString('es-EC')}</td>
                  <td className="num">{b.counts.partial.toLocaleString('es-EC')}</td>
                  <td className="num">{b.counts.delivered.toLocaleString('es-EC')}</td>
                  <td className="num">{b.counts.regularized.toLocaleString('es-EC')}</td>
                  <td className="num">{b.counts.inReview.toLocaleString('es-EC')}</td>
                  <td className="num nowrap">{usd(b.counts.chargeTotal)}</td>
                  <td>
                    <div className="file-links">
                      {FILES.map(([key, label, article]) => (
                        <button
                          key={key}
                          type="button"
                          className="link"
                          title={`SHA-256 ${b.sha256[key]}`}
                          aria-label={`Guardar una copia de ${article} del lote ${b.batch}`}
                          onClick={() => void saveReport(b.files[key], fileNameOf(b.files[key]))}
                        >
                          {label}
                        </button>
                      ))}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

const TABS: Array<[Tab, string]> = [
  ['consolidar', 'Consolidar paquetes'],
  ['depurar', 'Depuración'],
];

/** Consolidación (Posventa): merge the offices' packages, see what came in and what conflicts; then depurar and write the lists. */
export function Consolidation() {
  const [tab, setTab] = useState<Tab>('consolidar');
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const job = useJob();
  const tabRefs = useRef<Record<Tab, HTMLButtonElement | null>>({ consolidar: null, depurar: null });

  const load = useCallback(() => {
    void invoke(syncOverview, {}).then((r) => (r.ok ? setOverview(r.value) : setError(r.error)));
  }, []);
  useEffect(load, [load]);

  function choose(t: Tab) {
    setTab(t);
    tabRefs.current[t]?.focus();
  }

  function onTabKey(e: KeyboardEvent) {
    const i = TABS.findIndex(([t]) => t === tab);
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      choose(TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]![0]);
    }
  }

  return (
    <div className="page">
      <h1>Consolidación</h1>
      <ErrorBox error={error} />
      <div className="tabs" role="tablist" aria-label="Consolidación" onKeyDown={onTabKey}>
        {TABS.map(([t, label]) => (
          <button
            key={t}
            ref={(el) => {
              tabRefs.current[t] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-controls={`panel-${t}`}
            aria-selected={tab === t}
            tabIndex={tab === t ? 0 : -1}
            className={tab === t ? 'tab active' : 'tab'}
            onClick={() => setTab(t)}
          >
            {label}
          </button>
        ))}
      </div>
      {/* One job at a time; both tabs stay mounted, so a running job and its summary survive a switch of tab. */}
      {job.running && <JobProgress label={job.running.label} progress={job.running.progress ?? NO_PROGRESS} onCancel={job.cancel} />}
      <div role="tabpanel" id="panel-consolidar" aria-labelledby="tab-consolidar" hidden={!!job.running || tab !== 'consolidar'}>
        <ConsolidateTab overview={overview} reload={load} run={job.run} onDepurate={() => choose('depurar')} />
      </div>
      <div role="tabpanel" id="panel-depurar" aria-labelledby="tab-depurar" hidden={!!job.running || tab !== 'depurar'}>
        <DepurateTab overview={overview} reload={load} run={job.run} />
      </div>
    </div>
  );
}
