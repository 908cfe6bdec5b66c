import type { ActaVerification } from '../../shared/contracts/handovers';
import { formatDateTime } from '../../shared/dates';
import { actaSealByCode, actaSealByNumber } from '../db/actas';
import type { ReadDb } from '../db/open';
import { loadActaView } from './actaView';
import { actaContent, contentHash } from './verification';

/** Reads `RECUPERA|NUMBER|CODE` (the QR), `NUMBER CODE`, a bare number, or a bare `ABCD-EFGH` code. */
export function parseVerificationText(text: string): { number: string | null; code: string | null } {
  const t = text.trim().toUpperCase();
  const qr = t.match(/^RECUPERA\|([A-Z0-9-]+-\d{4}-\d{6})\|([0-9A-Z]{8})$/);
  if (qr) return { number: qr[1]!, code: qr[2]! };
  const number = t.match(/([A-Z0-9]+(?:-[A-Z0-9]+)*-\d{4}-\d{6})/)?.[1] ?? null;
  const rest = number ? t.replace(number, ' ') : t;
  const code = rest.match(/\b([0-9A-Z]{4})-?([0-9A-Z]{4})\b/);
  return { number, code: code ? code[1]! + code[2]! : null };
}

export function verifyActa(db: ReadDb, text: string): ActaVerification {
  const { number, code } = parseVerificationText(text);
  const row = number ? actaSealByNumber(db, number) : code ? actaSealByCode(db, code) : null;
  if (!number && !code) {
    return { outcome: 'not_found', message: `«${text.trim()}» no es un número ni un código de acta emitida por Recupera: revise el documento.`, acta: null };
  }
  if (!row) {
    return {
      outcome: 'not_found',
      message: number ? `No existe el acta ${number} en esta base de datos.` : 'No hay ninguna acta con ese código en esta base de datos.',
      acta: null,
    };
  }
  const view = loadActaView(db, row.id)!;
  const acta = {
    id: view.id,
    number: view.number,
    holderName: view.holder.name,
    holderIdentification: view.holder.identification,
    deliveredAt: view.deliveredAt,
    station: view.station,
  };
  const who = `${view.holder.name} (${view.holder.identification ?? 'sin identificación'}), ${formatDateTime(view.deliveredAt)}`;
  if (code && code !== row.verification_code) {
    return { outcome: 'code_mismatch', message: `El código impreso no corresponde al acta ${view.number}: el documento puede estar alterado.`, acta };
  }
  if (contentHash(actaContent(view)) !== row.content_hash) {
    return { outcome: 'altered', message: `El registro del acta ${view.number} fue modificado después de emitirse: repórtelo a Posventa.`, acta };
  }
  if (view.voided) {
    return { outcome: 'voided', message: `El acta ${view.number} existe pero fue ANULADA (${view.voided.reason}). Titular: ${who}.`, acta };
  }
  return { outcome: 'genuine', message: `Acta auténtica: ${view.number}, emitida en ${view.station} a ${who}.`, acta };
}
