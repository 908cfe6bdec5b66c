import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { publishUpdateJob } from '../../../../shared/contracts/jobKinds';
import type { SharedFolderState } from '../../../../shared/contracts/sharedFolder';
import { updatesPublish, type NationalUpdateEntry, type PublishResult } from '../../../../shared/contracts/updates';
import { invoke, saveReport } from '../../api/client';
import { useJob } from '../../api/useJob';
import { Field } from '../../components/common';
import { CountGrid } from '../../components/CountGrid';
import { JobProgress, NO_PROGRESS } from '../../components/JobProgress';
import { ProblemBox, type Problem } from '../../components/ProblemBox';
import { kindText, updateDay } from './updateText';

/** Where the update went besides the central's own folder. */
export function SharedNote({ delivered, share, what }: { delivered: string | undefined; share: SharedFolderState | null; what: string }) {
  if (delivered) {
    return (
      <p className="alert alert-ok">
        También quedó en la carpeta compartida: <span className="mono">{delivered}</span>.
      </p>
    );
  }
  if (share?.path) {
    return (
      <p className="alert alert-warn">
        No se pudo dejar {what} en la carpeta compartida <span className="mono">{share.path}</span>
        {share.problem ? ` (${share.problem})` : ''}. Guarde una copia y entréguela a mano.
      </p>
    );
  }
  return null;
}

/** At the central: publish the next national update, whole or what changed since an earlier one. */
export function PublishUpdate({ published, share, onDone }: { published: NationalUpdateEntry[]; share: SharedFolderState | null; onDone: () => void }) {
  const [scope, setScope] = useState<'full' | 'since'>('full');
  const [since, setSince] = useState<number | null>(null);
  const [result, setResult] = useState<PublishResult | null>(null);
  const [problem, setProblem] = useState<Problem>(null);
  const job = useJob();
  const sinceSeq = since ?? published[0]?.seq ?? null;
  // «Publicar otra» removes the summary and the button with it: the focus comes to the form, not to the page's body.
  const another = useRef(false);
  const title = useRef<HTMLHeadingElement>(null);
  useLayoutEffect(() => {
    if (result || !another.current) return;
    another.current = false;
    title.current?.focus();
  }, [result]);

  async function publish(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    setResult(null);
    const input = scope === 'since' && sinceSeq ? { sinceSeq } : {};
    const end = await job.run('Publicando la actualización nacional…', publishUpdateJob, await invoke(updatesPublish, input), 'Publicación cancelada. No se publicó ninguna actualización.');
    onDone();
    if (!end.ok) return setProblem(end);
    setResult(end.value);
  }

  if (job.running) return <JobProgress label={job.running.label} progress={job.running.progress ?? NO_PROGRESS} queued={job.running.queued} onCancel={job.cancel} />;
  if (result) {
    const c = result.counts;
    const readers =
      result.recipients.length === 1
        ? 'la única oficina registrada con llave de cifrado: solo ella puede abrirla'
        : `las ${result.recipients.length.toLocaleString('es-EC')} oficinas registradas con llave de cifrado: solo ellas pueden abrirla`;
    return (
      <section className="panel" aria-labelledby="publish-done">
        <h2 id="publish-done">Actualización N.º {result.seq} publicada</h2>
        <p role="status">
          Se generó <strong className="mono">{result.fileName}</strong> ({kindText(result, true)}, con los datos del {updateDay(result)}), firmada por esta
          estación central y cifrada para {readers}.
        </p>
        {result.withoutKey.length > 0 && (
          <div className="alert alert-warn" aria-label="Oficinas que no podrán abrirla">
            <p>Estas oficinas registradas no tienen llave de cifrado y no podrán abrir esta actualización hasta que se registre su archivo de identidad actual:</p>
            <ul>
              {result.withoutKey.map((o) => (
                <li key={o.code}>
                  <span className="mono">{o.code}</span> — {o.office}
                </li>
              ))}
            </ul>
          </div>
        )}
        <CountGrid
          label="Contenido de la actualización"
          items={[
            ['Clientes', c.customers],
            ['Servicios', c.services],
            ['Equipos de la base', c.expectedItems],
            ['Actas', c.handovers, c.handovers ? 'good' : ''],
            ['Equipos entregados', c.items],
            ['Anulaciones', c.voids],
            ['Respaldos', c.backups],
            ['Conflictos', c.conflicts],
            ['Estaciones', c.stations],
          ]}
        />
        <SharedNote delivered={result.delivered} share={share} what="la actualización" />
        <div className="actions">
          <button type="button" className="btn btn-primary" autoFocus onClick={() => void saveReport(result.path, result.fileName)}>
            Guardar una copia…
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              another.current = true;
              setResult(null);
            }}
          >
            Publicar otra
          </button>
        </div>
        <p className="muted">Cada oficina la aplica en «Actualizaciones» (o la toma sola de la carpeta compartida). Aplicarla dos veces no cambia nada.</p>
      </section>
    );
  }
  return (
    <form noValidate className="panel" onSubmit={(e) => void publish(e)} aria-labelledby="publish-title">
      <ProblemBox problem={problem} />
      <h2 id="publish-title" ref={title} tabIndex={-1}>
        Publicar actualización
      </h2>
      <p>La actualización lleva a todas las oficinas la base, las actas y anulaciones de todas, las revisiones de respaldos, los conflictos resueltos, las estaciones registradas y la configuración de la campaña.</p>
      <fieldset>
        <legend>Qué publicar</legend>
        <label className="radio">
          <input type="radio" name="publish-scope" checked={scope === 'full'} onChange={() => setScope('full')} />
          Completa: toda la base y todos los registros (sirve para cualquier oficina)
        </label>
        <label className="radio">
          <input type="radio" name="publish-scope" checked={scope === 'since'} disabled={published.length === 0} onChange={() => setScope('since')} />
          Incremental: solo lo cambiado desde una actualización publicada
        </label>
        {scope === 'since' && (
          <Field label="Desde la actualización">
            {(id) => (
              <select id={id} value={sinceSeq ?? ''} onChange={(e) => setSince(Number(e.target.value))}>
                {published.map((u) => (
                  <option key={u.seq} value={u.seq}>
                    N.º {u.seq} del {updateDay(u)} ({kindText(u, true)})
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {published.length === 0 && <p className="field-hint">La primera actualización es siempre completa.</p>}
      </fieldset>
      <div className="actions">
        <button type="submit" className="btn btn-primary">
          Publicar actualización
        </button>
      </div>
    </form>
  );
}
