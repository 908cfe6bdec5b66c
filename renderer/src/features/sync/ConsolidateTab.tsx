import { useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { consolidateJob } from '../../../../shared/contracts/jobKinds';
import { syncConsolidate, type ConsolidationResult } from '../../../../shared/contracts/sync';
import { invoke, pickFile } from '../../api/client';
import type { RunJob } from '../../api/useJob';
import { ProblemBox, type Problem } from '../../components/ProblemBox';
import { ConflictGroups } from './ConflictGroups';
import { ConsolidationSummary } from './ConsolidationSummary';
import { sizeText } from '../../components/format';
import { ImportedPackages } from './ImportedPackages';
import { SharedPackages } from './SharedPackages';
import type { Overview } from './overview';
import { FileChooser } from '../../components/FileChooser';

interface Picked {
  token: string;
  name: string;
  size: number;
}

/** Pick the offices' packages, consolidate them, and see the summary; the open conflicts stay below. */
export function ConsolidateTab({
  overview,
  reload,
  run,
  onDepurate,
  onResolve,
}: {
  overview: Overview | null;
  reload: () => void;
  run: RunJob;
  onDepurate: () => void;
  onResolve: () => void;
}) {
  const [picked, setPicked] = useState<Picked[]>([]);
  const [uploading, setUploading] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [result, setResult] = useState<ConsolidationResult | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  // «Consolidar otros paquetes» removes the summary and the button with it: the focus comes to the
  // place to choose them, in the same commit, instead of falling to the page's body.
  const again = useRef(false);
  const chooseTitle = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (result || !again.current) return;
    again.current = false;
    chooseTitle.current?.focus();
  }, [result]);
  // «Quitar» takes its own button away: the focus goes to the package now in its place (or the one
  // before), and to «Elegir paquetes…» when none is left, never to the page's body.
  const removedAt = useRef<number | null>(null);
  const dropzone = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const at = removedAt.current;
    removedAt.current = null;
    if (at === null) return;
    const left = dropzone.current?.querySelectorAll<HTMLButtonElement>('.picked button') ?? [];
    (left[Math.min(at, left.length - 1)] ?? dropzone.current?.querySelector<HTMLButtonElement>('.file-chooser button'))?.focus();
  }, [picked]);

  function remove(p: Picked) {
    removedAt.current = picked.indexOf(p);
    setPicked(picked.filter((x) => x !== p));
  }

  async function add(files: FileList | File[] | null | undefined) {
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
        const r = await pickFile(f);
        if (!r.ok) {
          setProblem({ error: r.error });
          continue;
        }
        next.push({ token: r.value.token, name: r.value.name, size: f.size });
      }
    } finally {
      setUploading(false);
    }
    setPicked((p) => [...p, ...next]);
  }

  async function consolidate() {
    setProblem(null);
    const started = await invoke(syncConsolidate, { packages: picked.map((p) => ({ token: p.token, name: p.name })) });
    const end = await run('Consolidando paquetes…', consolidateJob, started, 'Consolidación cancelada. Los paquetes ya consolidados quedan guardados; vuelva a consolidar los demás.');
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
      {!result && <SharedPackages run={run} reload={reload} onResult={setResult} />}
      {result ? (
        <ConsolidationSummary
          r={result}
          onAgain={() => {
            again.current = true;
            setResult(null);
          }}
          onDepurate={onDepurate}
          onResolve={onResolve}
        />
      ) : (
        <section
          ref={dropzone}
          className={`panel dropzone ${dragging ? 'dragging' : ''}`}
          aria-labelledby="consolidate-title"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <h2 id="consolidate-title" ref={chooseTitle} tabIndex={-1}>
            Consolidar paquetes de las oficinas
          </h2>
          <p>Arrastre aquí los paquetes que enviaron las oficinas (archivos .recupera), o elíjalos. Puede elegir varios a la vez.</p>
          <FileChooser
            label="Paquetes de las oficinas (.recupera)"
            buttonText={picked.length ? 'Agregar más paquetes…' : 'Elegir paquetes…'}
            multiple
            accept=".recupera"
            hideStatus={picked.length > 0}
            onChoose={(files) => void add(files)}
          />
          {uploading && <p aria-live="polite">Cargando los archivos…</p>}
          {picked.length > 0 && (
            <ul className="picked" aria-label="Paquetes elegidos">
              {picked.map((p) => (
                <li key={p.token}>
                  <span className="mono">{p.name}</span> <span className="muted">({sizeText(p.size)})</span>
                  <button type="button" className="btn btn-small" aria-label={`Quitar ${p.name}`} onClick={() => remove(p)}>
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
