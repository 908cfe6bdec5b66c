import { useEffect, useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import { searchQuery, type CustomerCard } from '../../../../shared/contracts/customers';
import type { PickedFile } from '../../../../shared/contracts/fileRef';
import { mailImportJob } from '../../../../shared/contracts/jobKinds';
import { mailAssign, mailImport, mailParseSubject, mailUnassigned, type MailImportResult, type MailMessage } from '../../../../shared/contracts/mail';
import type { OutputOf } from '../../../../shared/contracts/contract';
import type { AppError } from '../../../../shared/result';
import { countOf } from '../../../../shared/auditText';
import { isOwing } from '../../../../shared/status';
import { invoke, pickFile } from '../../api/client';
import { useJob } from '../../api/useJob';
import { BackupDocument } from '../../components/BackupDocument';
import { BackupServiceChoices } from '../../components/BackupServiceChoices';
import { ErrorBox, Field } from '../../components/common';
import { JobProgress, NO_PROGRESS } from '../../components/JobProgress';
import { FileChooser } from '../../components/FileChooser';

function Assign({ message, onDone }: { message: MailMessage; onDone: (done: string) => void }) {
  const [id, setId] = useState('');
  const [customer, setCustomer] = useState<CustomerCard | null>(null);
  const [services, setServices] = useState<string[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  async function find(e: FormEvent) {
    e.preventDefault();
    const r = await invoke(searchQuery, { text: id, limit: 2 });
    if (!r.ok) return setError(r.error);
    // A name may be several people's: the respaldo goes to one only when nothing else matches.
    if (r.value.results.length > 1 && r.value.results[0]!.match === 'name') {
      setCustomer(null);
      setServices([]);
      return setError({ kind: 'validation', message: `Más de un cliente coincide con «${id}»: escriba su cédula o el número de servicio.` });
    }
    const c = r.value.results[0] ?? null;
    setCustomer(c);
    // Only services that still owe are ticked, as the automatic match does: a respaldo on a settled
    // service would put it back under review (a regularised one could then be rejected and charged).
    setServices(c ? c.services.filter((s) => isOwing(s.status)).map((s) => s.id) : []);
    setError(c ? null : { kind: 'not_found', message: `No hay clientes que coincidan con «${id}».` });
  }

  async function assign() {
    if (!customer) return;
    const r = await invoke(mailAssign, { messageId: message.id, customerId: customer.id, serviceIds: services });
    if (!r.ok) return setError(r.error);
    onDone(`Correo ${message.fileName} asignado a ${customer.name ?? customer.identification}: ${countOf(services.length, 'servicio queda', 'servicios quedan')} en revisión.`);
  }

  return (
    <form noValidate onSubmit={find} aria-label={`Asignar correo ${message.fileName}`}>
      <ErrorBox error={error} />
      <div className="row">
        <Field label="Cliente (cédula, servicio o nombre)">{(fid) => <input id={fid} value={id} onChange={(e) => setId(e.target.value)} />}</Field>
      </div>
      <button type="submit" className="btn btn-small">
        Buscar cliente
      </button>
      {customer && (
        <div>
          <p>
            <strong>{customer.name}</strong> · {customer.identification}
          </p>
          <BackupServiceChoices services={customer.services} chosen={services} onChange={setServices} />
          {!customer.services.some((s) => isOwing(s.status)) && <p className="field-hint">Los servicios de este cliente ya están entregados, regularizados o con un respaldo en revisión.</p>}
          <button type="button" className="btn btn-primary btn-small" onClick={() => void assign()} disabled={services.length === 0}>
            Asignar como respaldo
          </button>
        </div>
      )}
    </form>
  );
}

/** What a mailbox import did, in one sentence with singulars where a count is one. */
export function mailImportSummary(r: MailImportResult): string {
  const parts = [
    countOf(r.imported, 'importado', 'importados'),
    `${r.duplicates.toLocaleString('es-EC')} ya ${r.duplicates === 1 ? 'importado' : 'importados'} antes`,
    `${countOf(r.assigned, 'asignado', 'asignados')} a clientes`,
    `${r.unassigned.length.toLocaleString('es-EC')} sin asignar`,
    ...(r.refused.length > 0 ? [countOf(r.refused.length, 'rechazado', 'rechazados')] : []),
  ];
  return `${countOf(r.messages, 'correo', 'correos')}: ${parts.join(', ')}.`;
}

/** Bandeja de correos: the campaign mailbox saved as .eml files, imported (as a job, each message on its own) and matched by subject. */
export function MailInbox({ onChanged }: { onChanged: () => void }) {
  const [picked, setPicked] = useState<PickedFile[]>([]);
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<MailImportResult | null>(null);
  const [waiting, setWaiting] = useState<MailMessage[]>([]);
  const [subject, setSubject] = useState('');
  const [parsed, setParsed] = useState<OutputOf<typeof mailParseSubject> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [tick, setTick] = useState(0);
  const [assigned, setAssigned] = useState<string | null>(null);
  const assignedRef = useRef<HTMLParagraphElement>(null);
  // The assigned message leaves the list with the button that was pressed: the focus goes to what was done, not to the page's body.
  useLayoutEffect(() => {
    if (assigned) assignedRef.current?.focus();
  }, [assigned]);
  // Likewise after an import: the progress bar that had replaced the form (and its button) is gone.
  const resultRef = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  const job = useJob();

  useEffect(() => {
    void invoke(mailUnassigned, {}).then((r) => (r.ok ? setWaiting(r.value) : setError(r.error)));
  }, [tick]);

  async function choose(files: File[]) {
    setError(null);
    setResult(null);
    setAssigned(null);
    setUploading(true);
    try {
      const chosen: PickedFile[] = [];
      for (const f of files) {
        const r = await pickFile(f);
        if (!r.ok) return setError(r.error);
        chosen.push(r.value);
      }
      setPicked(chosen);
    } finally {
      setUploading(false);
    }
  }

  async function importChosen(e: FormEvent) {
    e.preventDefault();
    if (picked.length === 0) return;
    setError(null);
    const end = await job.run('Importando correos…', mailImportJob, await invoke(mailImport, { files: picked }), 'Cancelado. Los correos leídos antes de cancelar quedaron importados; vuelva a importar para seguir con los demás.');
    setTick((t) => t + 1);
    onChanged();
    if (!end.ok) return setError(end.error);
    setResult(end.value);
    setPicked([]);
  }

  async function tryParse(e: FormEvent) {
    e.preventDefault();
    const r = await invoke(mailParseSubject, { subject });
    setParsed(r.ok ? r.value : null);
  }

  return (
    <section className="panel" aria-label="Bandeja de correos">
      <h2>Bandeja de correos</h2>
      <ErrorBox error={error} />
      {job.running ? (
        <JobProgress label={job.running.label} progress={job.running.progress ?? NO_PROGRESS} queued={job.running.queued} onCancel={job.cancel} />
      ) : (
        <form noValidate className="row" onSubmit={importChosen}>
          <Field label="Correos guardados (.eml)" hint="Guarde los mensajes del buzón de la campaña como .eml y elíjalos aquí (puede elegir varios a la vez).">
            {(id, d) => (
              <FileChooser
                id={id}
                label="Correos guardados (.eml)"
                buttonText="Elegir correos…"
                describedBy={d}
                multiple
                accept=".eml,message/rfc822"
                chosen={picked.map((p) => p.name)}
                onChoose={(files) => void choose(files)}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit" className="btn btn-primary" disabled={picked.length === 0 || uploading}>
              Importar correos
            </button>
          </div>
          {uploading && <p aria-live="polite">Cargando los correos…</p>}
          {picked.length > 0 && <p role="status">{picked.length === 1 ? `Elegido: ${picked[0]!.name}` : `${picked.length} correos elegidos.`}</p>}
        </form>
      )}
      {result && (
        <div className={`alert ${result.refused.length > 0 ? 'alert-warn' : 'alert-ok'}`} role="status" tabIndex={-1} ref={resultRef}>
          <p>
            {mailImportSummary(result)}
          </p>
          {result.refused.length > 0 && (
            <ul aria-label="Correos rechazados">
              {result.refused.map((r) => (
                <li key={r.file}>
                  <span className="mono">{r.file}</span>: {r.reason}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form noValidate className="row" onSubmit={tryParse}>
        <Field label="Probar un asunto (CEDULA//APELLIDOS Y NOMBRES//LINEA DE NEGOCIO)">
          {(id) => <input id={id} value={subject} onChange={(e) => setSubject(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="btn">
            Buscar cliente del asunto
          </button>
        </div>
      </form>
      {parsed && (
        <p className={`alert ${parsed.ok ? 'alert-ok' : 'alert-warn'}`} role="status">
          {parsed.ok ? `Cliente: ${parsed.customerName} (${parsed.identification}), ${parsed.serviceIds.length} servicio(s) pendiente(s).` : parsed.reason}
        </p>
      )}
      {assigned && (
        <p className="alert alert-ok" role="status" tabIndex={-1} ref={assignedRef}>
          {assigned}
        </p>
      )}
      {waiting.length > 0 && <h3>Correos sin asignar ({waiting.length})</h3>}
      {waiting.map((m) => (
        <details key={m.id} className="mail">
          <summary>
            {m.fileName} · «{m.subject ?? 'sin asunto'}» · {m.sender ?? 'sin remitente'} — {m.reason}
          </summary>
          {m.attachments.map((a) => (
            <BackupDocument key={a.sha256} sha256={a.sha256} name={a.name} of={{ kind: 'correo', id: m.id }} />
          ))}
          <Assign
            message={m}
            onDone={(done) => {
              setAssigned(done);
              setTick((t) => t + 1);
              onChanged();
            }}
          />
        </details>
      ))}
    </section>
  );
}
