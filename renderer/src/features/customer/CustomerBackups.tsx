import { useEffect, useState } from 'react';
import { backupsForCustomer, type BackupView } from '../../../../shared/contracts/backups';
import { formatDate, formatDateTime } from '../../../../shared/dates';
import { invoke } from '../../api/client';
import { BackupDocument } from '../../components/BackupDocument';

const STATUS: Record<BackupView['status'], string> = {
  EN_REVISION: 'En revisión',
  ACEPTADO: 'Aceptado',
  RECHAZADO: 'Rechazado',
};

function presented(b: BackupView): string {
  if (!b.actaNumber && !b.actaDate && !b.office) return 'Sin acta indicada';
  return [b.actaNumber ?? 'sin número', b.actaDate ? `del ${formatDate(b.actaDate)}` : '', b.office ? `· ${b.office}` : ''].filter(Boolean).join(' ');
}

/**
 * The documents of one respaldo, folded: opening one is recorded in the audit log, so none is
 * fetched until the person unfolds them (the card is shown for every customer looked up).
 */
function Documents({ b }: { b: BackupView }) {
  const [open, setOpen] = useState(false);
  const n = b.files.length;
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{n === 1 ? 'Ver 1 documento' : `Ver ${n} documentos`}</summary>
      {open && (
        <div className="review-docs">
          {b.files.map((f) => (
            <BackupDocument key={f.sha256 + f.name} sha256={f.sha256} name={f.name} of={{ kind: 'respaldo', id: b.id }} />
          ))}
        </div>
      )}
    </details>
  );
}

/**
 * The respaldos this customer presented, newest first: whether each was accepted, rejected (and
 * why) or waits for review, which services it covered and the acta it showed. Without it the desk
 * saw a service «Respaldo rechazado» with no word of what was presented or why it was refused.
 * `version` changes when the card is read again (a respaldo just registered).
 */
export function CustomerBackups({ customerId, version }: { customerId: string; version: unknown }) {
  const [backups, setBackups] = useState<BackupView[]>([]);
  useEffect(() => {
    let live = true;
    void invoke(backupsForCustomer, { customerId }).then((r) => live && r.ok && setBackups(r.value));
    return () => {
      live = false;
    };
  }, [customerId, version]);
  if (backups.length === 0) return null;
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <section aria-labelledby="respaldos-del-cliente">
      <h3 id="respaldos-del-cliente">Respaldos del cliente</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Registrado</th>
            <th scope="col">Estado</th>
            <th scope="col">Servicios</th>
            <th scope="col">Acta presentada</th>
            <th scope="col">Documentos</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((b) => (
            <tr key={b.id}>
              <td>
                {formatDateTime(b.createdAt)}
                <div className="muted">
                  {b.source}
                  {b.station ? ` · ${b.station}` : ''}
                  {b.createdBy ? ` · ${b.createdBy}` : ''}
                </div>
              </td>
              <td>
                {STATUS[b.status]}
                {b.status === 'RECHAZADO' && b.reviewReason && <div className="muted">Motivo: {b.reviewReason}</div>}
              </td>
              <td className="mono">{b.services.map((s) => s.serviceNumber).join(', ')}</td>
              <td>
                {presented(b)}
                {b.note && <div className="muted">Nota: {b.note}</div>}
              </td>
              <td>{b.files.length > 0 ? <Documents b={b} /> : 'Sin documentos'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
