import { useEffect, useState, type FormEvent } from 'react';
import { searchQuery, type CustomerCard } from '../../../../shared/contracts/customers';
import { mailAssign, mailImport, mailParseSubject, mailUnassigned, type MailImportResult, type MailMessage } from '../../../../shared/contracts/mail';
import type { OutputOf } from '../../../../shared/contracts/contract';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { BackupDocument } from '../../components/BackupDocument';
import { ErrorBox, Field } from '../../components/common';

function Assign({ message, onDone }: { message: MailMessage; onDone: () => void }) {
  const [id, setId] = useState('');
  const [customer, setCustomer] = useState<CustomerCard | null>(null);
  const [services, setServices] = useState<string[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  async function find(e: FormEvent) {
    e.preventDefault();
    const r = await invoke(searchQuery, { text: id, limit: 1 });
    if (!r.ok) return setError(r.error);
    const c = r.value.results[0] ?? null;
    setCustomer(c);
    setServices(c ? c.services.map((s) => s.id) : []);
    setError(c ? null : { kind: 'not_found', message: `No hay clientes que coincidan con «${id}».` });
  }

  async function assign() {
    if (!customer) return;
    const r = await invoke(mailAssign, { messageId: message.id, customerId: customer.id, serviceIds: services });
    if (!r.ok) return setError(r.error);
    onDone();
  }

  return (
    <form onSubmit={find} aria-label={`Asignar correo ${message.fileName}`}>
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
          {customer.services.map((s) => (
            <label key={s.id} className="radio">
              <input type="checkbox" checked={services.includes(s.id)} onChange={(e) => setServices(e.target.checked ? [...services, s.id] : services.filter((x) => x !== s.id))} />
              {s.serviceNumber} · {s.businessLine ?? ''}
            </label>
          ))}
          <button type="button" className="btn btn-primary btn-small" onClick={() => void assign()} disabled={services.length === 0}>
            Asignar como respaldo
          </button>
        </div>
      )}
    </form>
  );
}

/** Bandeja de correos: the campaign mailbox saved as .eml files, imported and matched by subject. */
export function MailInbox({ onChanged }: { onChanged: () => void }) {
  const [folder, setFolder] = useState('');
  const [result, setResult] = useState<MailImportResult | null>(null);
  const [waiting, setWaiting] = useState<MailMessage[]>([]);
  const [subject, setSubject] = useState('');
  const [parsed, setParsed] = useState<OutputOf<typeof mailParseSubject> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    void invoke(mailUnassigned, {}).then((r) => (r.ok ? setWaiting(r.value) : setError(r.error)));
  }, [tick]);

  async function importFolder(e: FormEvent) {
    e.preventDefault();
    const r = await invoke(mailImport, { folder });
    if (!r.ok) return setError(r.error);
    setError(null);
    setResult(r.value);
    setTick((t) => t + 1);
    onChanged();
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
      <form className="row" onSubmit={importFolder}>
        <Field label="Carpeta con los correos guardados (.eml)" hint="Guarde los mensajes del buzón de la campaña como .eml en una carpeta de esta computadora.">
          {(id, d) => <input id={id} aria-describedby={d} value={folder} onChange={(e) => setFolder(e.target.value)} />}
        </Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary">
            Importar correos
          </button>
        </div>
      </form>
      {result && (
        <p className="alert alert-ok" role="status">
          {result.messages} correos: {result.imported} importados, {result.duplicates} ya importados antes, {result.assigned} asignados a clientes, {result.unassigned.length} sin asignar.
        </p>
      )}
      <form className="row" onSubmit={tryParse}>
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
      {waiting.length > 0 && <h3>Correos sin asignar ({waiting.length})</h3>}
      {waiting.map((m) => (
        <details key={m.id} className="mail">
          <summary>
            {m.fileName} · «{m.subject ?? 'sin asunto'}» · {m.sender ?? ''} — {m.reason}
          </summary>
          {m.attachments.map((a) => (
            <BackupDocument key={a.sha256} sha256={a.sha256} name={a.name} />
          ))}
          <Assign message={m} onDone={() => { setTick((t) => t + 1); onChanged(); }} />
        </details>
      ))}
    </section>
  );
}
