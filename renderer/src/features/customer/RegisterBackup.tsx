import { useId, useLayoutEffect, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { BACKUP_LIMITS, backupsRegister } from '../../../../shared/contracts/backups';
import type { CustomerCard } from '../../../../shared/contracts/customers';
import type { PickedFile } from '../../../../shared/contracts/fileRef';
import type { AppError } from '../../../../shared/result';
import { localDay } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { pickDocument } from '../../api/documents';
import { BackupServiceChoices, openServiceIds } from '../../components/BackupServiceChoices';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorBox, Field } from '../../components/common';
import { DateField } from '../../components/DateField';
import { FileChooser } from '../../components/FileChooser';
import { sizeText } from '../../components/format';

/** Registrar respaldo: the document a customer brings to prove an earlier return. */
export function RegisterBackup({ card, onDone, onCancel }: { card: CustomerCard; onDone: () => void; onCancel: () => void }) {
  const [services, setServices] = useState<string[]>(openServiceIds(card.services));
  // Each document is handed over and checked as it is chosen (api/documents.ts): only good ones are listed.
  const [files, setFiles] = useState<Array<PickedFile & { size: number }>>([]);
  const [fileError, setFileError] = useState<AppError | null>(null);
  const [checking, setChecking] = useState(false);
  const fileErrorId = useId();
  const [v, setV] = useState({ actaNumber: '', actaDate: '', office: '', note: '' });
  const [dateOk, setDateOk] = useState(true);
  // An acta handed over before today: a later date is a slip of the keyboard.
  const today = localDay(new Date().toISOString()) ?? undefined;
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const missingId = useId();
  const dropRef = useRef<HTMLDivElement>(null);
  // «quitar» takes its own button away: the focus goes to the next document's (or the chooser), not to the page's body.
  const refocusAt = useRef<number | null>(null);
  useLayoutEffect(() => {
    const at = refocusAt.current;
    if (at === null) return;
    refocusAt.current = null;
    const removes = dropRef.current?.querySelectorAll<HTMLButtonElement>('.issue-list button');
    (removes?.[Math.min(at, removes.length - 1)] ?? dropRef.current?.querySelector<HTMLButtonElement>('.file-chooser button'))?.focus();
  }, [files]);
  // The button stays enabled: a disabled one cannot say why, so what is missing is written beside it.
  const missing =
    services.length === 0
      ? 'Marque al menos un servicio que cubre el respaldo.'
      : files.length === 0
        ? 'Falta el documento: agregue el acta escaneada o fotografiada.'
        : !dateOk
          ? 'La fecha del acta no es válida: escríbala como dd/mm/aaaa, no posterior a hoy, o deje la casilla vacía.'
          : null;

  async function add(chosen: File[]) {
    setFileError(null);
    setChecking(true);
    const refused: string[] = [];
    // Past the limit the save refused the whole respaldo, at the top and in general words: the extra files are not taken.
    const over: string[] = [];
    let count = files.length;
    const listed = new Set(files.map((f) => `${f.name}\u0000${f.size}`));
    for (const f of chosen) {
      // The same file chosen again would be one more line for one document.
      if (listed.has(`${f.name}\u0000${f.size}`)) {
        refused.push(`«${f.name}» ya está en la lista.`);
        continue;
      }
      if (count >= BACKUP_LIMITS.documents) {
        over.push(`«${f.name}»`);
        continue;
      }
      const r = await pickDocument(f);
      if (r.ok) {
        count++;
        listed.add(`${f.name}\u0000${f.size}`);
        setFiles((kept) => [...kept, r.value]);
      } else refused.push(r.error.message);
    }
    if (over.length > 0) {
      refused.push(
        `Un respaldo lleva hasta ${BACKUP_LIMITS.documents} documentos: ${over.join(', ')} no se ${over.length === 1 ? 'agregó' : 'agregaron'}. Quite alguno de la lista si necesita otro.`,
      );
    }
    setChecking(false);
    // Every refusal names its file, so several read as one message.
    if (refused.length > 0) setFileError({ kind: 'validation', message: refused.join(' ') });
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    if (!checking) void add(Array.from(e.dataTransfer.files));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (missing) return setError({ kind: 'validation', message: missing });
    setError(null);
    setBusy(true);
    const r = await invoke(backupsRegister, {
      customerId: card.id,
      serviceIds: services,
      files: files.map((f) => ({ token: f.token, name: f.name })),
      actaNumber: v.actaNumber || undefined,
      actaDate: v.actaDate || undefined,
      office: v.office || undefined,
      note: v.note || undefined,
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone();
  }

  // Documents chosen or anything typed are not thrown away by one key: Esc or Cancelar asks first.
  const [asking, setAsking] = useState(false);
  const started = files.length > 0 || Object.values(v).some((x) => x.trim() !== '');
  const leave = () => (started ? setAsking(true) : onCancel());

  return (
    <>
      {asking && (
        <ConfirmDialog
          role="alertdialog"
          title="¿Descartar el respaldo que está registrando?"
          confirmLabel="Sí, descartar"
          cancelLabel="Seguir registrando (Enter o Esc)"
          enter="cancel"
          onConfirm={onCancel}
          onCancel={() => setAsking(false)}
        >
          <p>Los documentos elegidos y lo escrito se perderán.</p>
        </ConfirmDialog>
      )}
      <form noValidate className="panel" onSubmit={submit} aria-label="Registrar respaldo" onKeyDown={(e) => e.key === 'Escape' && leave()}>
        <h2>Registrar respaldo de {card.name}</h2>
        <ErrorBox error={error} />
        <fieldset>
          <legend>Servicios que cubre</legend>
          <BackupServiceChoices services={card.services} chosen={services} onChange={setServices} />
        </fieldset>
        <div className="row">
          <Field label="Número del acta que presenta">{(id) => <input id={id} value={v.actaNumber} maxLength={BACKUP_LIMITS.actaNumber} autoFocus onChange={(e) => setV({ ...v, actaNumber: e.target.value })} />}</Field>
          <DateField
            label="Fecha del acta"
            value={v.actaDate}
            max={today}
            onChange={(actaDate, valid) => {
              setV({ ...v, actaDate });
              setDateOk(valid);
            }}
          />
          <Field label="Oficina donde entregó">{(id) => <input id={id} value={v.office} maxLength={BACKUP_LIMITS.office} onChange={(e) => setV({ ...v, office: e.target.value })} />}</Field>
        </div>
        <div className="dropzone" ref={dropRef} onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
          <p>Arrastre aquí el acta escaneada o fotografiada (PDF, JPG o PNG, hasta 15 MB cada uno y {BACKUP_LIMITS.documents} en total), o elíjala:</p>
          <FileChooser
            label="Documentos del respaldo"
            buttonText="Elegir documentos…"
            multiple
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            disabled={checking}
            chosen={files.map((f) => f.name)}
            hideStatus={files.length > 0}
            describedBy={fileError ? fileErrorId : undefined}
            onChoose={(chosen) => void add(chosen)}
          />
          {checking && <p aria-live="polite">Cargando y revisando el documento…</p>}
          <div id={fileErrorId}>
            <ErrorBox error={fileError} />
          </div>
          {files.length > 0 && (
            <ul className="issue-list">
              {files.map((f, i) => (
                <li key={i}>
                  {f.name} ({sizeText(f.size)}){' '}
                  <button
                    type="button"
                    className="link"
                    aria-label={`Quitar ${f.name}`}
                    onClick={() => {
                      refocusAt.current = i;
                      setFiles(files.filter((_, j) => j !== i));
                    }}
                  >
                    quitar
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <Field label="Nota">{(id) => <input id={id} value={v.note} maxLength={BACKUP_LIMITS.note} onChange={(e) => setV({ ...v, note: e.target.value })} />}</Field>
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || checking} aria-describedby={missing ? missingId : undefined}>
            {busy ? 'Guardando…' : 'Guardar respaldo'}
          </button>
          {missing && (
            <span id={missingId} className="field-hint">
              {missing}
            </span>
          )}
          <button type="button" className="btn" onClick={leave}>
            Cancelar (Esc)
          </button>
        </div>
      </form>
    </>
  );
}
