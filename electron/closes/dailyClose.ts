import type { AuditActor } from '../../shared/audit';
import type { CountInput, DailyCloseView, SaveInput } from '../../shared/contracts/dailyClose';
import { closeTotals, lineKey, mergeLines } from '../../shared/dailyClose';
import { formatDate, localDayStart } from '../../shared/dates';
import { AppFailure, assertNever } from '../../shared/result';
import type { Role } from '../../shared/roles';
import { recordAudit } from '../db/audit';
import { closeLines, dayActas, dayFigures, findClose, markSigned, replaceLines, upsertDraft, type LineToStore } from '../db/dailyCloses';
import type { Db, ReadDb, Tx } from '../db/open';
import { getLocalStation } from '../db/stations';
import { runWrite } from '../db/writeSession';

/**
 * Cierre del día (docs/domain.md "Cierre del día"): one close per station and local day. The
 * coordinator counts what is physically at the desk against what the actas say; the draft can be
 * saved and resumed; signing copies the actas' figures of that moment, so a later void or a late
 * acta shows as a difference against the signed figures instead of rewriting them.
 */

/** Who counts or signs: a signed-in person (the audit log names them). */
export type CloseActor = AuditActor & { role: Role };

/** What a role may do with the close: an ASESOR does not open it, Posventa only reads it. */
export function closeAccess(role: Role): 'count' | 'read' {
  switch (role) {
    case 'COORDINADOR':
    case 'ADMIN':
      return 'count';
    case 'POSVENTA':
      return 'read';
    case 'ASESOR':
      throw new AppFailure('refused', 'El cierre del día lo hacen el coordinador y el administrador; Posventa puede consultarlo.');
    default:
      return assertNever(role);
  }
}

/** The day as instants: from its local midnight to the next one. */
function dayRange(day: string): [string, string] {
  const start = localDayStart(day);
  const end = localDayStart(day);
  end.setDate(end.getDate() + 1);
  return [start.toISOString(), end.toISOString()];
}

function localStation(db: ReadDb): { code: string; office: string } {
  const s = getLocalStation(db);
  if (!s) throw new AppFailure('refused', 'Esta estación todavía no está configurada.');
  return s;
}

export function viewClose(db: ReadDb, day: string, role: Role): DailyCloseView {
  const access = closeAccess(role);
  const station = localStation(db);
  const [from, to] = dayRange(day);
  const close = findClose(db, station.code, day);
  const signed = close?.status === 'FIRMADO';
  const lines = mergeLines(dayFigures(db, station.code, from, to), close ? closeLines(db, close.id) : [], signed);
  const acts = dayActas(db, station.code, from, to);
  return {
    day,
    station: station.code,
    office: station.office,
    status: close ? close.status : 'NUEVO',
    clerks: acts.filter((a) => a.actas > 0).map((a) => ({ clerkId: a.clerkId, clerkName: a.clerkName, actas: a.actas })),
    voidedActas: acts.reduce((n, a) => n + a.voided, 0),
    lines,
    totals: closeTotals(lines),
    note: close?.note ?? null,
    countedBy: close?.counted_by ?? null,
    countedAt: close?.counted_at ?? null,
    signedBy: close?.signed_by_name ?? null,
    signedAt: close?.signed_at ?? null,
    editable: access === 'count' && !signed,
  };
}

function todayOf(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/**
 * Stores the counts as the draft's lines, with the actas' figures as they stand inside this write
 * session. A count for a line the actas no longer have is kept (recorded 0): what was counted
 * stays visible. Returns the lines stored.
 */
function storeDraft(tx: Tx, station: string, input: SaveInput, actor: CloseActor): { id: string; lines: LineToStore[] } {
  const close = findClose(tx, station, input.day);
  if (close?.status === 'FIRMADO') {
    throw new AppFailure('conflict', `El cierre del ${formatDate(input.day)} ya está firmado: no se puede cambiar.`);
  }
  const [from, to] = dayRange(input.day);
  const saved = close ? closeLines(tx, close.id) : [];
  const merged = mergeLines(dayFigures(tx, station, from, to), saved, false);
  const byKey = new Map(merged.map((l) => [lineKey(l), l]));
  const counts = new Map<string, CountInput>(input.counts.map((c) => [lineKey(c), c]));
  const lines: LineToStore[] = merged.map((l) => {
    const c = counts.get(lineKey(l));
    return { clerkId: l.clerkId, clerkName: l.clerkName, kind: l.kind, type: l.type, recorded: l.current, counted: c ? c.counted : l.counted };
  });
  for (const [k, c] of counts) {
    if (byKey.has(k) || c.counted === null) continue;
    const known = saved.find((s) => lineKey(s) === k);
    if (!known) throw new AppFailure('conflict', 'Las actas del día cambiaron mientras contaba. Vuelva a cargar el cierre y revise las líneas.');
    lines.push({ ...known, recorded: 0, counted: c.counted });
  }
  const id = upsertDraft(tx, station, input.day, input.note ? input.note : null, actor.fullName);
  replaceLines(tx, id, lines);
  return { id, lines };
}

function mustCount(role: Role): void {
  if (closeAccess(role) !== 'count') throw new AppFailure('refused', 'Posventa puede consultar el cierre del día, pero el conteo y la firma los hace el coordinador de la estación.');
}

export function saveCloseDraft(db: Db, input: SaveInput, actor: CloseActor): DailyCloseView {
  mustCount(actor.role);
  const station = localStation(db).code;
  runWrite(db, (tx) => {
    const { lines } = storeDraft(tx, station, input, actor);
    const counted = lines.filter((l) => l.counted !== null).length;
    recordAudit(tx, actor, {
      action: 'CIERRE_GUARDADO',
      description: `Guardó el conteo del cierre del día ${formatDate(input.day)} (${counted} de ${lines.length} ${lines.length === 1 ? 'línea contada' : 'líneas contadas'}).`,
      targetKind: 'cierre',
      targetId: `${station} ${input.day}`,
    });
  });
  return viewClose(db, input.day, actor.role);
}

/** Saves the counts and signs in one write session: every line counted, the figures frozen, the act audited. */
export function signClose(db: Db, input: SaveInput, actor: CloseActor): DailyCloseView {
  mustCount(actor.role);
  if (input.day > todayOf()) throw new AppFailure('validation', 'No se puede firmar el cierre de un día que todavía no llega.');
  const station = localStation(db).code;
  runWrite(db, (tx) => {
    const { id, lines } = storeDraft(tx, station, input, actor);
    const missing = lines.filter((l) => l.counted === null).length;
    if (missing > 0) {
      throw new AppFailure('validation', missing === 1 ? 'Falta contar 1 línea antes de firmar.' : `Faltan contar ${missing} líneas antes de firmar.`);
    }
    markSigned(tx, id, actor.username, actor.fullName);
    const recorded = lines.reduce((n, l) => n + l.recorded, 0);
    const counted = lines.reduce((n, l) => n + (l.counted ?? 0), 0);
    const differing = lines.filter((l) => l.counted !== l.recorded).length;
    recordAudit(tx, actor, {
      action: 'CIERRE_FIRMADO',
      description: `Firmó el cierre del día ${formatDate(input.day)}: ${recorded} según actas, ${counted} contados, ${differing} ${differing === 1 ? 'línea con diferencia' : 'líneas con diferencia'}.`,
      targetKind: 'cierre',
      targetId: `${station} ${input.day}`,
      detail: { recorded, counted, differing, lines: lines.length },
    });
  });
  return viewClose(db, input.day, actor.role);
}
