import { actaSignedPayload } from '../../shared/acta/canonical';
import type { ActaVerdict, ActaVerification } from '../../shared/contracts/handovers';
import { formatDateTime } from '../../shared/dates';
import { formatVerificationCode } from '../../shared/handover';
import { assertNever } from '../../shared/result';
import { verifySignature } from '../auth/stationKeys';
import { actaIdsByCode, actaIdsByPrintedNumber, stationKeysOnRecord, type StationKeyOnRecord } from '../db/actas';
import type { ReadDb } from '../db/open';
import {
  legacySealMatches,
  parseVerificationText,
  printedNumber,
  recordSeal,
  stationOfNumber,
  verificationCode,
  type ActaReference,
  type RecordSeal,
} from './verification';

// Verifying a printed acta, offline. The signed QR is checked against the issuing station's key
// known here (enrolled, trusted, learned from a national update, or this station's own), so any
// office holding that identity can verify it even without the record; where the record is here, it
// must still hash to what the station signed. A typed short code is checked against the record.

const OUTCOME: Record<ActaVerdict, ActaVerification['outcome']> = {
  AUTENTICA: 'genuine',
  ANULADA: 'voided',
  ALTERADA: 'altered',
  NO_CORRESPONDE: 'code_mismatch',
  DESCONOCIDA: 'not_found',
};

interface Context {
  number: string | null;
  station: string | null;
  record: RecordSeal | null;
  signedBy?: StationKeyOnRecord | null;
}

function answer(verdict: ActaVerdict, message: string, c: Context): ActaVerification {
  const r = c.record?.row;
  return {
    verdict,
    outcome: OUTCOME[verdict],
    message,
    acta: r
      ? {
          id: r.id,
          number: r.acta_number,
          holderName: r.holder_name,
          holderIdentification: r.holder_identification,
          deliveredAt: r.delivered_at,
          station: r.origin_station,
          voidReason: r.void_reason,
        }
      : null,
    number: c.number,
    station: c.station,
    signedBy: c.signedBy?.fingerprint ?? null,
    recordKnown: c.record !== null,
  };
}

const NO_IDENTITY = 'aplique la última actualización nacional, o pida a Posventa la identidad de esa estación, y vuelva a verificar';

function signerOf(keys: StationKeyOnRecord[], payload: string, signature: Uint8Array): StationKeyOnRecord | null {
  return keys.find((k) => verifySignature(k.publicKey, payload, signature)) ?? null;
}

function keyNote(k: StationKeyOnRecord | null | undefined, station: string): string {
  if (!k) return `La firma de ${station} no se pudo comprobar: esta base no tiene la identidad de esa estación.`;
  return k.current ? `Firmada por ${station} (huella ${k.fingerprint}).` : `Firmada por ${station} con una clave anterior a su último registro (huella ${k.fingerprint}).`;
}

/**
 * The verdict on a record as it stands: its content must still hash to its seal, and a signed
 * record's signature must verify with its station's key where that key is known here.
 */
function judgeRecord(db: ReadDb, rec: RecordSeal, c: Context, checkedKey?: StationKeyOnRecord | null): ActaVerification {
  const r = rec.row;
  const number = printedNumber(r);
  const ctx: Context = { ...c, station: c.station ?? r.origin_station, record: rec };
  const altered = (why: string) => answer('ALTERADA', `${why} Repórtelo a Posventa.`, ctx);
  let seal: string;
  if (!r.content_hash) {
    seal = 'Es una entrega histórica cargada de la lista de la oficina, sin sello digital: compare los datos con el documento.';
  } else if (r.verification_code !== verificationCode(r.content_hash)) {
    return altered(`El código del acta ${number} en esta base no corresponde a su contenido: el registro fue modificado.`);
  } else if (r.signature) {
    if (rec.canonicalHash !== r.content_hash) return altered(`El registro del acta ${number} fue modificado después de emitirse: ya no coincide con lo que firmó ${r.origin_station}.`);
    let key = checkedKey;
    if (key === undefined) {
      const keys = stationKeysOnRecord(db, r.origin_station);
      key = signerOf(keys, actaSignedPayload(r.origin_station, number, r.content_hash), Buffer.from(r.signature, 'base64'));
      if (!key && keys.length > 0) return altered(`La firma registrada del acta ${number} no es de la estación ${r.origin_station}: el registro fue alterado.`);
    }
    ctx.signedBy = key;
    seal = keyNote(key, r.origin_station);
  } else {
    if (!legacySealMatches(rec.sealed, r.content_hash)) return altered(`El registro del acta ${number} fue modificado después de emitirse.`);
    seal = 'Emitida antes de las firmas digitales: se comprobó contra su registro.';
  }
  const who = `${r.holder_name} (${r.holder_identification ?? 'sin identificación'}), ${formatDateTime(r.delivered_at)}`;
  const renumbered = r.original_number ? ` Por una resolución de conflicto ahora se numera ${r.acta_number}.` : '';
  if (r.void_reason) return answer('ANULADA', `El acta ${number} existe pero fue ANULADA (${r.void_reason}). Titular: ${who}.${renumbered}`, ctx);
  return answer('AUTENTICA', `Acta auténtica: ${number}, emitida en ${r.origin_station} a ${who}. ${seal}${renumbered}`, ctx);
}

function recordsOf(db: ReadDb, ids: string[]): RecordSeal[] {
  return ids.map((id) => recordSeal(db, id)).filter((r): r is RecordSeal => r !== null);
}

function verifySigned(db: ReadDb, ref: Extract<ActaReference, { kind: 'signed' }>): ActaVerification {
  const { number, station } = ref;
  if (!station) {
    return answer('DESCONOCIDA', `El código QR del acta ${number} no indica la estación que la emitió: vuelva a escanearlo.`, { number, station, record: null });
  }
  const records = recordsOf(db, actaIdsByPrintedNumber(db, number, station));
  const record = records.find((r) => r.canonicalHash === ref.contentHash) ?? records[0] ?? null;
  const c: Context = { number, station, record };
  const keys = stationKeysOnRecord(db, station);
  if (keys.length === 0) {
    if (!record) return answer('DESCONOCIDA', `Esta base no conoce la estación ${station} ni tiene el acta ${number}: ${NO_IDENTITY}.`, c);
    // The record came here in a package or an update; without the key only the seal it carries can be compared.
    const same = record.row.content_hash === ref.contentHash && record.row.signature === ref.signature.toString('base64');
    if (!same) return answer('ALTERADA', `El código QR no coincide con el registro del acta ${number} en esta base: el documento o el registro fue alterado. Repórtelo a Posventa.`, c);
    return judgeRecord(db, record, c, null);
  }
  const signer = signerOf(keys, actaSignedPayload(station, number, ref.contentHash), ref.signature);
  if (!signer) {
    return answer('ALTERADA', `La firma del código QR no corresponde a la estación ${station}: el documento fue alterado o no lo emitió esa estación. Repórtelo a Posventa.`, c);
  }
  if (!record) {
    return answer(
      'AUTENTICA',
      `Acta ${number}: ${keyNote(signer, station)} Esta base no tiene el registro: compare los datos con el documento y, si duda, consulte a Posventa si fue anulada.`,
      { ...c, signedBy: signer },
    );
  }
  if (record.canonicalHash !== ref.contentHash) {
    return answer(
      'ALTERADA',
      `El registro del acta ${number} en esta base no coincide con lo que firmó la estación ${station}: fue modificado después de emitirse. Repórtelo a Posventa.`,
      { ...c, signedBy: signer },
    );
  }
  return judgeRecord(db, record, c, signer);
}

function verifyTyped(db: ReadDb, number: string | null, code: string | null): ActaVerification {
  if (number) {
    const station = stationOfNumber(number);
    let ids = actaIdsByPrintedNumber(db, number, station);
    if (ids.length === 0 && station) ids = actaIdsByPrintedNumber(db, number, null);
    const records = recordsOf(db, ids);
    const c: Context = { number, station, record: null };
    if (records.length === 0) {
      return answer('DESCONOCIDA', `No existe el acta ${number} en esta base. Si es de otra oficina, escanee su código QR (se verifica sin el registro) o aplique la última actualización nacional.`, c);
    }
    const match = code ? records.find((r) => r.row.verification_code === code) : records[0];
    if (!match) {
      return answer('NO_CORRESPONDE', `El código ${formatVerificationCode(code!)} no corresponde al acta ${number}: el documento puede estar alterado. Repórtelo a Posventa.`, {
        ...c,
        record: records[0]!,
      });
    }
    return judgeRecord(db, match, c);
  }
  const records = recordsOf(db, actaIdsByCode(db, code!));
  if (records.length === 0) {
    return answer(
      'DESCONOCIDA',
      `Ninguna acta de esta base tiene el código ${formatVerificationCode(code!)}. Si el acta es de otra oficina, escanee su código QR o aplique la última actualización nacional.`,
      { number: null, station: null, record: null },
    );
  }
  return judgeRecord(db, records[0]!, { number: printedNumber(records[0]!.row), station: null, record: null });
}

export function verifyActa(db: ReadDb, text: string): ActaVerification {
  const ref = parseVerificationText(text);
  switch (ref.kind) {
    case 'none':
      return answer('DESCONOCIDA', `«${text.trim()}» no es un número ni un código de acta emitida por Recupera: revise el documento.`, { number: null, station: null, record: null });
    case 'damaged':
      return answer('DESCONOCIDA', 'El código QR no se leyó completo: vuelva a escanearlo, o escriba el número del acta y su código de verificación.', {
        number: null,
        station: null,
        record: null,
      });
    case 'signed':
      return verifySigned(db, ref);
    case 'typed':
      return verifyTyped(db, ref.number, ref.code);
    default:
      return assertNever(ref);
  }
}
