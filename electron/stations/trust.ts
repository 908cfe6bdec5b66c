import type { TrustAction, TrustOutcome } from '../../shared/contracts/stations';
import type { StationIdentity } from '../../shared/identity';
import { AppFailure } from '../../shared/result';
import type { ReadDb, Db, Tx } from '../db/open';
import {
  centralStation,
  getLocalStationKey,
  recordKeyEvent,
  revokeTrust,
  stationByCode,
  stationById,
  stationByPublicKey,
  setTrustedEncryptionKey,
  upsertTrustedStation,
  type KeyEvent,
  type StationKeyRow,
} from '../db/stations';
import { runWrite } from '../db/writeSession';

/**
 * Who trusts whom. An office trusts one central (Posventa) and the central enrols each office's key:
 * one key per station code. The first trust is recorded; the same key again changes nothing; a
 * different key replaces the trusted one only when someone says why — every change leaves a
 * station_key_events row with who, when, the previous fingerprint and the motivo.
 */

export interface TrustPlan {
  action: TrustAction;
  /** The trusted station a replacement retires (its key is the previous one). */
  previous: StationKeyRow | null;
}

export interface Actor {
  userId: string | null;
  userName: string | null;
}

export interface TrustRequest {
  identity: StationIdentity;
  /** The fingerprint the person read and confirmed: the file must still carry it. */
  confirmedFingerprint?: string | undefined;
  reason?: string | undefined;
  actor: Actor;
}

function localStation(db: ReadDb): StationKeyRow {
  const local = getLocalStationKey(db);
  if (!local) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
  return local;
}

/** What no identity may be here, whoever receives it. */
function checkCommon(db: ReadDb, local: StationKeyRow, id: StationIdentity): void {
  if (id.publicKey === local.public_key || id.stationId === local.id) {
    throw new AppFailure('refused', 'Ese archivo es la identidad de esta misma estación. Elija el archivo que le entregó la otra estación.');
  }
  if (id.code === local.code) {
    throw new AppFailure('refused', `La identidad trae el código ${id.code}, que es el de esta estación. Cada estación debe tener su propio código.`);
  }
  const holder = stationByPublicKey(db, id.publicKey);
  if (holder && holder.code !== id.code) {
    throw new AppFailure('refused', `Esa clave ya pertenece aquí a la estación ${holder.code}; una clave es de una sola estación. Revise el archivo con quien se lo entregó.`);
  }
  const sameId = stationById(db, id.stationId);
  if (sameId && sameId.code !== id.code) {
    throw new AppFailure('refused', `El archivo usa el identificador de la estación ${sameId.code}, conocida aquí con otro código. Revise el archivo con quien se lo entregó.`);
  }
}

/** What trusting `id` as this office's central would do; refused at the central and for an office's identity. */
export function planTrustCentral(db: ReadDb, id: StationIdentity): TrustPlan {
  const local = localStation(db);
  if (local.role === 'CENTRAL') {
    throw new AppFailure('refused', 'Esta estación es la central de Posventa: no confía en otra central. Para las oficinas use «Registrar estación».');
  }
  if (id.role !== 'CENTRAL') {
    throw new AppFailure('refused', `Ese archivo es la identidad de la oficina ${id.code}, no de la central de Posventa. Pida a Posventa el archivo de identidad de la central.`);
  }
  checkCommon(db, local, id);
  const known = stationByCode(db, id.code);
  if (known && known.role === 'OFICINA' && known.enrolled_at) {
    throw new AppFailure('refused', `El código ${id.code} pertenece aquí a una oficina, no a la central. Revise el archivo con Posventa.`);
  }
  const current = centralStation(db);
  if (!current) return { action: 'NUEVA', previous: null };
  if (current.public_key === id.publicKey && current.code === id.code) return { action: 'SIN_CAMBIOS', previous: current };
  return { action: 'REEMPLAZO', previous: current };
}

/** What enrolling `id` at this central would do; refused at an office and for a central's identity. */
export function planEnrol(db: ReadDb, id: StationIdentity): TrustPlan {
  const local = localStation(db);
  if (local.role !== 'CENTRAL') {
    throw new AppFailure('refused', 'Solo la central de Posventa registra estaciones. En una oficina, use «Confiar en la central».');
  }
  if (id.role !== 'OFICINA') {
    throw new AppFailure('refused', `Ese archivo es la identidad de una central (${id.code}), no de una oficina. Solo se registran oficinas.`);
  }
  checkCommon(db, local, id);
  const known = stationByCode(db, id.code);
  if (!known || !known.enrolled_at || !known.public_key) return { action: 'NUEVA', previous: null };
  if (known.role === 'CENTRAL') {
    throw new AppFailure('refused', `El código ${id.code} pertenece aquí a una central, no a una oficina. Revise el archivo con quien se lo entregó.`);
  }
  if (known.public_key === id.publicKey) return { action: 'SIN_CAMBIOS', previous: known };
  return { action: 'REEMPLAZO', previous: known };
}

function checkConfirmed(req: TrustRequest): void {
  if (req.confirmedFingerprint && req.confirmedFingerprint !== req.identity.fingerprint) {
    throw new AppFailure('conflict', 'El archivo cambió después de revisar su huella. Elíjalo de nuevo y confirme la huella que se muestre.');
  }
}

function outcome(id: StationIdentity, status: TrustOutcome['status'], previousFingerprint: string | null, message: string): TrustOutcome {
  return { code: id.code, office: id.office, regional: id.regional, city: id.city, role: id.role, status, fingerprint: id.fingerprint, previousFingerprint, message };
}

function trustedRow(id: StationIdentity) {
  return {
    id: id.stationId,
    code: id.code,
    office: id.office,
    regional: id.regional,
    city: id.city,
    role: id.role,
    publicKey: id.publicKey,
    fingerprint: id.fingerprint,
    encryptionKey: id.encryptionKey ?? null,
  };
}

/** Said after trusting a central whose file (from before encryption) carries no encryption key. */
const NO_ENCRYPTION_KEY =
  ' Ese archivo de identidad no trae la llave de cifrado de la central: esta oficina no podrá exportar paquetes hasta confiar en el archivo de identidad actual de la central (pídalo a Posventa).';

/**
 * The same key's newer identity file brings the X25519 key (or a new one): stored, since the file
 * is signed by the very key trusted here. True when something changed.
 */
function refreshEncryptionKey(tx: Tx, id: StationIdentity, known: StationKeyRow | null): boolean {
  if (!id.encryptionKey || known?.encryption_key === id.encryptionKey) return false;
  setTrustedEncryptionKey(tx, id.code, id.encryptionKey);
  return true;
}

/** At an office: trusts the central `req.identity` names (replacing another needs `req.reason`). */
export function trustCentral(db: Db, req: TrustRequest): TrustOutcome {
  checkConfirmed(req);
  const id = req.identity;
  const reason = req.reason?.trim() || null;
  return runWrite(db, (tx) => {
    const plan = planTrustCentral(tx, id);
    const prev = plan.previous;
    if (plan.action === 'SIN_CAMBIOS') {
      if (refreshEncryptionKey(tx, id, prev)) {
        return outcome(id, 'SIN_CAMBIOS', null, `Esta oficina ya confiaba en la central ${id.code} con esta misma clave (huella ${id.fingerprint}); se guardó su llave de cifrado: los paquetes de esta oficina irán cifrados para ella.`);
      }
      return outcome(id, 'SIN_CAMBIOS', null, `Esta oficina ya confiaba en la central ${id.code} con esta misma clave (huella ${id.fingerprint}): no se cambió nada.${id.encryptionKey || prev?.encryption_key ? '' : NO_ENCRYPTION_KEY}`);
    }
    if (plan.action === 'REEMPLAZO' && prev && !reason) {
      throw new AppFailure(
        'conflict',
        `Esta oficina ya confía en la central ${prev.code} (huella ${prev.fingerprint ?? 'sin huella'}). El archivo trae otra clave (huella ${id.fingerprint}). Si Posventa cambió de clave, confirme el reemplazo indicando el motivo.`,
        { reason: 'Indique el motivo del reemplazo.' },
      );
    }
    if (prev && prev.code !== id.code) revokeTrust(tx, prev.code);
    const replaced = plan.action === 'REEMPLAZO';
    trustKey(tx, req, replaced ? 'CENTRAL_REEMPLAZADA' : 'CENTRAL_CONFIADA', replaced ? prev?.fingerprint : null, reason);
    const missing = id.encryptionKey ? '' : NO_ENCRYPTION_KEY;
    return replaced
      ? outcome(id, 'REEMPLAZADA', prev?.fingerprint ?? null, `Se reemplazó la central: esta oficina confía ahora en ${id.code} (${id.office}), huella ${id.fingerprint}; antes ${prev?.code ?? ''}, huella ${prev?.fingerprint ?? 'sin huella'}.${missing}`)
      : outcome(id, 'CONFIADA', null, `Esta oficina confía ahora en la central ${id.code} (${id.office}), huella ${id.fingerprint}.${missing}`);
  });
}

/** Records the identity's key as trusted here and the event that says who, when and why. */
function trustKey(tx: Tx, req: TrustRequest, event: KeyEvent, previousFingerprint: string | null | undefined, reason: string | null): void {
  const id = req.identity;
  upsertTrustedStation(tx, trustedRow(id));
  recordKeyEvent(tx, {
    stationId: id.stationId,
    stationCode: id.code,
    event,
    publicKey: id.publicKey,
    fingerprint: id.fingerprint,
    previousFingerprint,
    reason,
    userId: req.actor.userId,
    userName: req.actor.userName,
  });
}

/** At the central: enrols the office `req.identity` names (a new key for an enrolled code needs `req.reason`). */
export function enrolStation(db: Db, req: TrustRequest): TrustOutcome {
  checkConfirmed(req);
  const id = req.identity;
  const reason = req.reason?.trim() || null;
  return runWrite(db, (tx) => {
    const plan = planEnrol(tx, id);
    const prev = plan.previous;
    if (plan.action === 'SIN_CAMBIOS') {
      // An office's encryption key is kept for what the central may one day send it encrypted.
      const refreshed = refreshEncryptionKey(tx, id, prev);
      return outcome(id, 'SIN_CAMBIOS', null, `La estación ${id.code} ya estaba registrada con esta misma clave (huella ${id.fingerprint})${refreshed ? '; se guardó su llave de cifrado.' : ': no se cambió nada.'}`);
    }
    if (plan.action === 'REEMPLAZO' && prev && !reason) {
      throw new AppFailure(
        'conflict',
        `La estación ${id.code} ya está registrada con otra clave (huella ${prev.fingerprint ?? 'sin huella'}); el archivo trae la huella ${id.fingerprint}. Para registrarla de nuevo con la clave nueva indique el motivo (por ejemplo, cambio de computadora).`,
        { reason: 'Indique el motivo del nuevo registro.' },
      );
    }
    const replaced = plan.action === 'REEMPLAZO';
    trustKey(tx, req, replaced ? 'REEMPLAZADA' : 'REGISTRADA', replaced ? prev?.fingerprint : null, reason);
    return replaced
      ? outcome(id, 'REEMPLAZADA', prev?.fingerprint ?? null, `Se registró de nuevo la estación ${id.code} (${id.office}) con la huella ${id.fingerprint}; la clave anterior (huella ${prev?.fingerprint ?? 'sin huella'}) ya no se acepta.`)
      : outcome(id, 'REGISTRADA', null, `Estación ${id.code} (${id.office}) registrada con la huella ${id.fingerprint}.`);
  });
}
