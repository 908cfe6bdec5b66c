import { useId, useState, type FormEvent } from 'react';
import { stationsEnrol, stationsReadIdentityFile, stationsTrustCentral, type IdentityPreview, type TrustOutcome } from '../../../../shared/contracts/stations';
import type { PickedFile } from '../../../../shared/contracts/fileRef';
import type { AppError } from '../../../../shared/result';
import { invoke, pickFile } from '../../api/client';
import { ErrorBox, Field } from '../../components/common';
import { FingerprintText } from './FingerprintText';
import { FileChooser } from '../../components/FileChooser';

const TEXT = {
  central: {
    choose: 'Elegir el archivo de identidad de la central…',
    input: 'Archivo de identidad de la central de Posventa (.json)',
    confirm: 'Confiar en esta central',
    confirmReplace: 'Reemplazar la central',
    same: 'Esta oficina ya confía en esta misma central: no hay nada que cambiar.',
    replace: 'Esta oficina ya confía en otra clave de central. Reemplácela solo si Posventa le confirmó el cambio.',
    reason: 'Motivo del reemplazo',
  },
  enrol: {
    choose: 'Elegir el archivo de identidad de la oficina…',
    input: 'Archivo de identidad de la oficina (.json)',
    confirm: 'Registrar esta estación',
    confirmReplace: 'Registrar de nuevo con la clave nueva',
    same: 'Esta estación ya está registrada con esta misma clave: no hay nada que cambiar.',
    replace: 'Esta estación ya está registrada con otra clave. Regístrela de nuevo solo si la oficina le confirmó el cambio (por ejemplo, cambió de computadora).',
    reason: 'Motivo del nuevo registro',
  },
} as const;

/**
 * Choose an identity file → see who it says it is and its fingerprint → confirm the fingerprint
 * matches the one read aloud by the other station → trust it (a replacement needs a motivo).
 * Nothing is trusted until the last step.
 */
export function IdentityPicker({ mode, onDone, onCancel }: { mode: 'central' | 'enrol'; onDone: (o: TrustOutcome) => void; onCancel?: () => void }) {
  const t = TEXT[mode];
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<IdentityPreview | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const titleId = useId();

  function reset() {
    setFile(null);
    setPreview(null);
    setConfirmed(false);
    setReason('');
    setError(null);
  }

  async function choose(chosen: File | undefined) {
    if (!chosen) return;
    reset();
    setBusy(true);
    const uploaded = await pickFile(chosen);
    const r = uploaded.ok ? await invoke(stationsReadIdentityFile, { file: uploaded.value }) : uploaded;
    setBusy(false);
    if (!r.ok) return setError(r.error);
    if (uploaded.ok) setFile(uploaded.value);
    setPreview(r.value);
  }

  const replacing = preview?.action === 'REEMPLAZO';
  const reasonMissing = replacing && reason.trim() === '';

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!file || !preview || !confirmed || reasonMissing) return;
    setBusy(true);
    setError(null);
    const input = { file, fingerprint: preview.fingerprint, ...(replacing ? { reason: reason.trim() } : {}) };
    const r = mode === 'central' ? await invoke(stationsTrustCentral, input) : await invoke(stationsEnrol, input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    reset();
    onDone(r.value);
  }

  return (
    <div className="identity-picker">
      <ErrorBox error={error} />
      <div className="actions">
        <FileChooser label={t.input} buttonText={t.choose} accept=".json,application/json" disabled={busy} hideStatus onChoose={(files) => void choose(files[0])} />
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancelar
          </button>
        )}
      </div>
      {busy && !preview && <p aria-live="polite">Revisando el archivo…</p>}
      {preview && (
        <form noValidate className="identity-preview" aria-labelledby={titleId} onSubmit={(e) => void submit(e)}>
          <h3 id={titleId}>
            {preview.role === 'CENTRAL' ? 'Central' : 'Oficina'} {preview.code}
          </h3>
          <p>
            {preview.office}
            {preview.regional ? ` · ${preview.regional}` : ''}
            {preview.city ? ` · ${preview.city}` : ''}
          </p>
          <FingerprintText value={preview.fingerprint} label="Huella del archivo" />
          {preview.action === 'SIN_CAMBIOS' ? (
            <p className="alert alert-ok" role="status">
              {t.same}
            </p>
          ) : (
            <>
              {replacing && preview.previous && (
                <div className="alert alert-warn" role="alert">
                  {t.replace} Clave actual: {preview.previous.code}, huella <span className="mono">{preview.previous.fingerprint ?? 'sin huella'}</span>.
                </div>
              )}
              <p>Llame a la otra estación y pida que le lea su huella. Debe ser exactamente la que ve arriba.</p>
              <label className="radio">
                <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> Confirmo que la huella coincide
              </label>
              {replacing && (
                <Field label={t.reason} error={error?.fields?.reason ?? (confirmed && reasonMissing ? 'Indique el motivo.' : undefined)}>
                  {(id, d) => <textarea id={id} aria-describedby={d} rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />}
                </Field>
              )}
              <div className="actions">
                <button type="submit" className="btn btn-primary" disabled={busy || !confirmed || reasonMissing}>
                  {replacing ? t.confirmReplace : t.confirm}
                </button>
                <button type="button" className="btn" onClick={reset}>
                  Elegir otro archivo
                </button>
              </div>
            </>
          )}
        </form>
      )}
    </div>
  );
}
