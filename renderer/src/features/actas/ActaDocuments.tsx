import { useState } from 'react';
import { handoverDocumentLabel, handoversAttachDocuments, type ActaView, type HandoverDocumentInput } from '../../../../shared/contracts/handovers';
import { formatDateTime } from '../../../../shared/dates';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api/client';
import { BackupDocument } from '../../components/BackupDocument';
import { ErrorBox } from '../../components/common';
import { ThirdPartyDocuments } from '../handover/ThirdPartyDocuments';

/**
 * The tercero's documents of an acta: each one listed (opened through the same viewer as respaldo
 * documents, which also says when retention removed it) and, for a clerk, the letter or ID copy
 * scanned after the acta was saved can be attached here.
 */
export function ActaDocuments({ view, canAttach, onAttached }: { view: ActaView; canAttach: boolean; onAttached: (v: ActaView) => void }) {
  const [chosen, setChosen] = useState<HandoverDocumentInput[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  async function attach() {
    setBusy(true);
    const r = await invoke(handoversAttachDocuments, { id: view.id, documents: chosen });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setChosen([]);
    onAttached(r.value);
  }
  return (
    <section className="panel acta-documents" aria-labelledby="acta-documents-title">
      <h2 id="acta-documents-title">Documentos del tercero</h2>
      {view.documents.length === 0 ? (
        <p className="muted">{view.thirdParty?.documentsReceived ? 'Se marcó que los presentó, pero aún no se adjunta ninguno.' : 'No se adjuntó ningún documento.'}</p>
      ) : (
        <ul className="issue-list">
          {view.documents.map((d) => (
            <li key={d.id}>
              <strong>{handoverDocumentLabel(d.kind)}</strong>: {d.name} · {formatDateTime(d.createdAt)}
              {d.createdBy ? ` · ${d.createdBy}` : ''}{' '}
              {open === d.id ? (
                <BackupDocument sha256={d.sha256} name={d.name} of={{ kind: 'acta', id: view.id }} />
              ) : (
                <button type="button" className="btn btn-small" onClick={() => setOpen(d.id)} aria-label={`Ver ${d.name}`}>
                  Ver
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canAttach && (
        <>
          <h3>Adjuntar documentos</h3>
          <ErrorBox error={error} />
          <ThirdPartyDocuments value={chosen} onChange={setChosen} disabled={busy} />
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={chosen.length === 0 || busy} onClick={() => void attach()}>
              Adjuntar al acta
            </button>
            {chosen.length === 0 && <span className="muted">Elija primero la carta o la copia de la cédula.</span>}
          </div>
        </>
      )}
    </section>
  );
}
