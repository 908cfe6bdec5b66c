import { useId, useState, type DragEvent, type FormEvent } from 'react';
import { backupsRegister } from '../../../../shared/contracts/backups';
import type { CustomerCard } from '../../../../shared/contracts/customers';
import type { AppError } from '../../../../shared/result';
import { invoke, pickFile } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { DateField } from '../../components/DateField';
import { FileChooser } from '../../components/FileChooser';
import { sizeText } from '../../components/format';

/** Registrar respaldo: the document a customer brings to prove an earlier return. */
export function RegisterBackup({ card, onDone, onCancel }: { card: CustomerCard; onDone: () => void; onCancel: () => void }) {
  const [services, setServices] = useState<string[]>(card.services.filter((s) => s.status !== 'ENTREGADO' && s.status !== 'REGULARIZADO').map((s) => s.id));
  const [files, setFiles] = useState<File[]>([]);
  const [v, setV] = useState({ actaNumber: '', actaDate: '', office: '', note: '' });
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const missingId = useId();
  // The button stays enabled: a disabled one cannot say why, so what is missing is written beside it.
  const missing =
    services.length === 0 ? 'Marque al menos un servicio que cubre el respaldo.' : files.length === 0 ? 'Falta el documento: agregue el acta escaneada o fotografiada.' : null;

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setFiles((f) => [...f, ...Array.from(e.dataTransfer.files)]);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (missing) return setError({ kind: 'validation', message: missing });
    setError(null);
    setBusy(true);
    const picked = [];
    for (const f of files) {
      const r = await pickFile(f);
      if (!r.ok) {
        setBusy(false);
        return setError(r.error);
      }
      picked.push(r.value);
    }
    const r = await invoke(backupsRegister, {
      customerId: card.id,
      serviceIds: services,
      files: picked,
      actaNumber: v.actaNumber || undefined,
      actaDate: v.actaDate || undefined,
      office: v.office || undefined,
      note: v.note || undefined,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone();
  }

  return (
    <form className="panel" onSubmit={submit} aria-label="Registrar respaldo" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h2>Registrar respaldo de {card.name}</h2>
      <ErrorBox error={error} />
      <fieldset>
        <legend>Servicios que cubre</legend>
        {card.services.map((s) => (
          <label key={s.id} className="radio">
            <input
              type="checkbox"
              checked={services.includes(s.id)}
              onChange={(e) => setServices(e.target.checked ? [...services, s.id] : services.filter((x) => x !== s.id))}
            />
            {s.serviceNumber} · {s.businessLine ?? ''}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Field label="Número del acta que presenta">{(id) => <input id={id} value={v.actaNumber} autoFocus onChange={(e) => setV({ ...v, actaNumber: e.target.value })} />}</Field>
        <DateField label="Fecha del acta" value={v.actaDate} onChange={(actaDate) => setV({ ...v, actaDate })} />
        <Field label="Oficina donde entregó">{(id) => <input id={id} value={v.office} onChange={(e) => setV({ ...v, office: e.target.value })} />}</Field>
      </div>
      <div className="dropzone" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        <p>Arrastre aquí el acta escaneada o fotografiada (PDF, JPG o PNG, hasta 15 MB cada uno), o elíjala:</p>
        <FileChooser
          label="Documentos del respaldo"
          buttonText="Elegir documentos…"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          chosen={files.map((f) => f.name)}
          hideStatus={files.length > 0}
          onChoose={(chosen) => setFiles((f) => [...f, ...chosen])}
        />
        {files.length > 0 && (
          <ul className="issue-list">
            {files.map((f, i) => (
              <li key={i}>
                {f.name} ({sizeText(f.size)}){' '}
                <button type="button" className="link" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                  quitar
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <Field label="Nota">{(id) => <input id={id} value={v.note} onChange={(e) => setV({ ...v, note: e.target.value })} />}</Field>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-describedby={missing ? missingId : undefined}>
          {busy ? 'Guardando…' : 'Guardar respaldo'}
        </button>
        {missing && (
          <span id={missingId} className="field-hint">
            {missing}
          </span>
        )}
        <button type="button" className="btn" onClick={onCancel}>
          Cancelar (Esc)
        </button>
      </div>
    </form>
  );
}
