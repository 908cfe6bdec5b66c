import { useId, useState } from 'react';
import { handoverDocumentLabel, type HandoverDocumentInput, type HandoverDocumentKind } from '../../../../shared/contracts/handovers';
import type { AppError } from '../../../../shared/result';
import { pickDocument } from '../../api/documents';
import { ErrorBox } from '../../components/common';
import { FileChooser } from '../../components/FileChooser';

const KINDS: HandoverDocumentKind[] = ['AUTORIZACION', 'IDENTIFICACION_TITULAR'];
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/**
 * The tercero's authorisation letter and the copy of the holder's ID, scanned or photographed
 * (PDF, JPG or PNG, up to 15 MB each). Optional: the acta saves without them and they can be
 * attached later from the acta's detail. Each file is uploaded and checked by its content when
 * chosen: a bad one is refused beside its own chooser and never joins the form, so the clerk
 * learns it with the customer still there; the main process checks it again when it stores it.
 */
export function ThirdPartyDocuments({ value, onChange, disabled }: { value: HandoverDocumentInput[]; onChange: (v: HandoverDocumentInput[]) => void; disabled?: boolean }) {
  const [errors, setErrors] = useState<Partial<Record<HandoverDocumentKind, AppError>>>({});
  const [checking, setChecking] = useState(false);
  const errorId = useId();
  async function choose(kind: HandoverDocumentKind, file: File | undefined) {
    if (!file) return;
    setErrors((e) => ({ ...e, [kind]: undefined }));
    setChecking(true);
    const r = await pickDocument(file);
    setChecking(false);
    // A file chosen earlier for this document stays: the refused one only takes nothing's place.
    if (!r.ok) return setErrors((e) => ({ ...e, [kind]: r.error }));
    onChange([...value.filter((d) => d.kind !== kind), { token: r.value.token, name: r.value.name, kind }]);
  }
  return (
    <div className="third-documents">
      <p className="muted">Adjunte el escaneo o la foto de cada documento (PDF, JPG o PNG, hasta 15 MB). Si no los tiene ahora, puede adjuntarlos después desde el acta.</p>
      {KINDS.map((kind) => {
        const chosen = value.find((d) => d.kind === kind);
        const error = errors[kind] ?? null;
        return (
          <div key={kind} className="third-document-entry">
            <div className="row third-document">
              <span className="third-document-label">{handoverDocumentLabel(kind)}:</span>
              <FileChooser
                label={handoverDocumentLabel(kind)}
                accept={ACCEPT}
                disabled={disabled || checking}
                chosen={chosen ? [chosen.name] : []}
                describedBy={error ? `${errorId}-${kind}` : undefined}
                onChoose={(files) => void choose(kind, files[0])}
              />
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
            <div id={`${errorId}-${kind}`} className="third-document-error">
              <ErrorBox error={error} />
            </div>
          </div>
        );
      })}
      {checking && <p aria-live="polite">Cargando y revisando el archivo…</p>}
    </div>
  );
}
