import { useState } from 'react';
import { handoverDocumentLabel, type HandoverDocumentInput, type HandoverDocumentKind } from '../../../../shared/contracts/handovers';
import type { AppError } from '../../../../shared/result';
import { pickFile } from '../../api/client';
import { ErrorBox } from '../../components/common';
import { FileChooser } from '../../components/FileChooser';

const KINDS: HandoverDocumentKind[] = ['AUTORIZACION', 'IDENTIFICACION_TITULAR'];
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * The tercero's authorisation letter and the copy of the holder's ID, scanned or photographed
 * (PDF, JPG or PNG, up to 15 MB each). Optional: the acta saves without them and they can be
 * attached later from the acta's detail. Each file is uploaded when chosen (a token comes back);
 * the main process checks and stores it when the acta is saved.
 */
export function ThirdPartyDocuments({ value, onChange, disabled }: { value: HandoverDocumentInput[]; onChange: (v: HandoverDocumentInput[]) => void; disabled?: boolean }) {
  const [error, setError] = useState<AppError | null>(null);
  const [uploading, setUploading] = useState(false);
  async function choose(kind: HandoverDocumentKind, file: File | undefined) {
    if (!file) return;
    setError(null);
    setUploading(true);
    const r = await pickFile(file);
    setUploading(false);
    if (!r.ok) return setError(r.error);
    onChange([...value.filter((d) => d.kind !== kind), { ...r.value, kind }]);
  }
  return (
    <div className="third-documents">
      <p className="muted">Adjunte el escaneo o la foto de cada documento (PDF, JPG o PNG, hasta 15 MB). Si no los tiene ahora, puede adjuntarlos después desde el acta.</p>
      <ErrorBox error={error} />
      {KINDS.map((kind) => {
        const chosen = value.find((d) => d.kind === kind);
        return (
          <div key={kind} className="row third-document">
            <span className="third-document-label">{handoverDocumentLabel(kind)}:</span>
            <FileChooser label={handoverDocumentLabel(kind)} accept={ACCEPT} disabled={disabled || uploading} chosen={chosen ? [chosen.name] : []} onChoose={(files) => void choose(kind, files[0])} />
            {chosen && (
              <button
                type="button"
                className="btn btn-small"
                aria-label={`Quitar ${chosen.name}`}
                onClick={(e) => {
                  // The button goes away with the file: the focus stays in the form (its keys, Ctrl+Enter) on this row's chooser.
                  e.currentTarget.closest('.third-document')?.querySelector('button')?.focus();
                  onChange(value.filter((d) => d.kind !== kind));
                }}
              >
                Quitar
              </button>
            )}
          </div>
        );
      })}
      {uploading && <p aria-live="polite">Cargando el archivo…</p>}
    </div>
  );
}
