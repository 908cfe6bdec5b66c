import type { ActaVerdict as Verdict, ActaVerification } from '../../../shared/contracts/handovers';
import { formatDateTime } from '../../../shared/dates';
import { assertNever } from '../../../shared/result';

/** How each verdict reads: colour, a symbol and a word, so it is never told by colour alone. */
export function verdictLook(v: Verdict): { tone: string; icon: string; label: string } {
  switch (v) {
    case 'AUTENTICA':
      return { tone: 'alert-ok', icon: '✓', label: 'Auténtica' };
    case 'ANULADA':
      return { tone: 'alert-warn', icon: '⊘', label: 'Anulada' };
    case 'ALTERADA':
      return { tone: 'alert-error', icon: '✗', label: 'Alterada' };
    case 'NO_CORRESPONDE':
      return { tone: 'alert-error', icon: '≠', label: 'No corresponde' };
    case 'DESCONOCIDA':
      return { tone: 'alert-neutral', icon: '?', label: 'No se puede verificar aquí' };
    default:
      return assertNever(v);
  }
}

/**
 * The verdict on a printed acta, as the Actas screen and the respaldo review show it: what was
 * concluded, why (the message), who signed it and whether this base has the record.
 */
export function ActaVerdict({ result, onOpen }: { result: ActaVerification; onOpen?: (id: string) => void }) {
  const look = verdictLook(result.verdict);
  const acta = result.acta;
  return (
    <div className={`alert verdict ${look.tone}`} role="status" aria-label={`Verificación del acta: ${look.label}`}>
      <p className="verdict-head">
        <span className="verdict-icon" aria-hidden="true">
          {look.icon}
        </span>
        <strong>{look.label}</strong>
        {result.number && <span className="mono"> · {result.number}</span>}
      </p>
      <p className="verdict-message">{result.message}</p>
      <dl className="verdict-facts">
        {result.station && (
          <div>
            <dt>Estación</dt>
            <dd>{result.station}</dd>
          </div>
        )}
        <div>
          <dt>Firma</dt>
          <dd className={result.signedBy ? 'mono' : undefined}>{result.signedBy ? `huella ${result.signedBy}` : 'no comprobada'}</dd>
        </div>
        <div>
          <dt>Registro en esta base</dt>
          <dd>{result.recordKnown ? 'sí' : 'no'}</dd>
        </div>
        {acta && (
          <div>
            <dt>Titular</dt>
            <dd>
              {acta.holderName} ({acta.holderIdentification ?? 'sin identificación'}), {formatDateTime(acta.deliveredAt)}
            </dd>
          </div>
        )}
      </dl>
      {acta && onOpen && (
        <button type="button" className="link" onClick={() => onOpen(acta.id)}>
          Ver acta {acta.number}
        </button>
      )}
    </div>
  );
}
