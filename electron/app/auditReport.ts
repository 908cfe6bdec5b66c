import { join } from 'node:path';
import { AUDIT_ACTIONS, auditActionLabel, type AuditAction } from '../../shared/audit';
import { auditDetailText } from '../../shared/auditDetail';
import type { AuditEntryView, AuditFilter, AuditProblem } from '../../shared/contracts/audit';
import type { SessionUser } from '../../shared/contracts/app';
import { formatDate, formatDateTime, localDay, localDayStart } from '../../shared/dates';
import { roleLabel, ROLES, type Role } from '../../shared/roles';
import { verifyAuditChains, type ChainProblem } from '../db/audit';
import { auditBatch, auditCustomerIds, auditPage, auditStations, type AuditQuery, type AuditRow } from '../db/auditQuery';
import type { ReadDb } from '../db/open';
import { getLocalStation } from '../db/stations';
import { fileStamp } from '../files/names';
import { searchCustomers } from '../search/customerSearch';
import { TableSheet, writeWorkbook } from '../xlsx/tableWriter';
import { auditAct } from './audit';
import { reportDir, type AppServices, type Session } from './services';

/**
 * The audit log as people read it: the Auditoría screen's pages, the chain's verification and the
 * export to a workbook. A coordinator sees their own station's entries; Posventa and the
 * administrator every station's this PC holds (at the central, the offices' too).
 */

export function actionLabel(action: string): string {
  return (AUDIT_ACTIONS as readonly string[]).includes(action) ? auditActionLabel(action as AuditAction) : action;
}

export function roleName(role: string | null): string {
  return role && (ROLES as readonly string[]).includes(role) ? roleLabel(role as Role) : (role ?? '');
}

function toView(r: AuditRow): AuditEntryView {
  return {
    id: r.id,
    stationCode: r.station_code,
    stationSeq: r.station_seq,
    at: r.at,
    username: r.username,
    userName: r.user_name,
    role: r.role,
    action: r.action,
    actionLabel: actionLabel(r.action),
    targetKind: r.target_kind,
    targetId: r.target_id,
    customerId: r.customer_id,
    description: r.description,
    detail: r.detail,
  };
}

/** The day after `day` (`YYYY-MM-DD`), for an end that includes the whole day. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const next = new Date(Date.UTC(y!, m! - 1, d! + 1));
  return next.toISOString().slice(0, 10);
}

/** Whether this caller sees every station's entries or only this PC's station's. */
export function seesAllStations(user: SessionUser): boolean {
  return user.role === 'POSVENTA' || user.role === 'ADMIN';
}

/** The filter as a repository query, with the caller's reach applied; `customersMatched` when a customer was asked for. */
export function auditQueryFor(db: ReadDb, user: SessionUser, f: AuditFilter): { query: AuditQuery; customersMatched: number | null } {
  const local = getLocalStation(db)?.code;
  const query: AuditQuery = {};
  if (!seesAllStations(user)) query.station = local ?? '';
  else if (f.station) query.station = f.station;
  if (f.from) query.fromAt = localDayStart(f.from).toISOString();
  if (f.to) query.toAt = localDayStart(nextDay(f.to)).toISOString();
  if (f.username) query.username = f.username;
  if (f.action) query.action = f.action;
  let customersMatched: number | null = null;
  if (f.customer) {
    const found = searchCustomers(db, f.customer, 50).results.map((c) => c.id);
    customersMatched = found.length;
    query.customerIds = auditCustomerIds(db, found);
  }
  return { query, customersMatched };
}

export function listAudit(db: ReadDb, user: SessionUser, input: AuditFilter & { page: number; pageSize: number }) {
  const { query, customersMatched } = auditQueryFor(db, user, input);
  const rows = auditPage(db, query, input.pageSize + 1, (input.page - 1) * input.pageSize);
  const all = seesAllStations(user);
  const local = getLocalStation(db)?.code;
  return {
    entries: rows.slice(0, input.pageSize).map(toView),
    page: input.page,
    hasMore: rows.length > input.pageSize,
    scope: all ? ('all' as const) : ('station' as const),
    stations: all ? auditStations(db) : local ? [local] : [],
    customersMatched,
  };
}

export function problemMessage(p: ChainProblem): string {
  switch (p.kind) {
    case 'missing':
      return `Falta la entrada ${p.stationSeq} de ${p.stationCode} (fue borrada).`;
    case 'altered':
      return `La entrada ${p.stationSeq} de ${p.stationCode} fue alterada.`;
    case 'broken':
      return `La cadena de ${p.stationCode} se rompe en la entrada ${p.stationSeq}.`;
    default:
      return p satisfies never;
  }
}

/** Walks every chain this PC holds. The last entries of a chain deleted together leave no gap: the central's copy tells (packageAudit.ts). */
export function verifyAudit(db: ReadDb) {
  const report = verifyAuditChains(db);
  const problems: AuditProblem[] = report.problems.map((p) => ({ ...p, message: problemMessage(p) }));
  const entries = report.stations.reduce((n, s) => n + s.entries, 0);
  const summary =
    problems.length === 0
      ? `Registro íntegro: ${entries} ${entries === 1 ? 'entrada' : 'entradas'} de ${report.stations.length} ${report.stations.length === 1 ? 'estación' : 'estaciones'}, sin borrados ni alteraciones.`
      : `El registro tiene ${problems.length} ${problems.length === 1 ? 'problema' : 'problemas'}: se borraron o alteraron entradas fuera de Recupera.`;
  return { ok: problems.length === 0, stations: report.stations, problems, summary };
}

const BATCH = 2_000;

/**
 * Writes the selected entries to `reportes/auditoria_….xlsx`, newest first, read in short batches so
 * the connection is never held while the workbook is written. The export itself is recorded.
 */
export async function exportAudit(app: AppServices, session: Session, f: AuditFilter): Promise<{ path: string; fileName: string; rows: number }> {
  const user = session.user!;
  const { query } = auditQueryFor(app.db, user, f);
  const fileName = `auditoria_${fileStamp(new Date(), true)}.xlsx`;
  const path = join(reportDir(app), fileName);
  const rows = await writeWorkbook(path, async (wb) => {
    const sheet = new TableSheet(wb, 'Auditoría', [
      { header: 'FECHA', type: 'date', width: 12 },
      { header: 'HORA LOCAL', type: 'text', width: 10 },
      { header: 'ESTACION', type: 'text', width: 20 },
      { header: 'N.º EN LA ESTACION', type: 'number', width: 10 },
      { header: 'USUARIO', type: 'text', width: 16 },
      { header: 'NOMBRE', width: 28 },
      { header: 'PERFIL', width: 20 },
      { header: 'ACCION', width: 30 },
      { header: 'DESCRIPCION', width: 70 },
      { header: 'OBJETO', type: 'text', width: 14 },
      { header: 'ID DEL OBJETO', type: 'text', width: 38 },
      { header: 'DETALLE', width: 60 },
    ]);
    let n = 0;
    let after: { at: string; seq: number } | null = null;
    for (;;) {
      const batch = auditBatch(app.db, query, after, BATCH);
      for (const r of batch) {
        sheet.add([
          localDay(r.at),
          formatDateTime(r.at).slice(11),
          r.station_code,
          r.station_seq,
          r.username,
          r.user_name,
          roleName(r.role),
          actionLabel(r.action),
          r.description,
          r.target_kind,
          r.target_id,
          auditDetailText(r.detail),
        ]);
      }
      n += batch.length;
      await sheet.settle();
      if (batch.length < BATCH) break;
      const last = batch.at(-1)!;
      after = { at: last.at, seq: last.seq };
    }
    sheet.commit();
    return n;
  }, { seal: app.dataKey });
  const filters = describeFilter(f);
  auditAct(app, session, {
    action: 'AUDITORIA_EXPORTADA',
    description: `Exportó ${rows} ${rows === 1 ? 'entrada' : 'entradas'} del registro de auditoría${filters ? ` (${filters})` : ''}.`,
    targetKind: 'archivo',
    targetId: fileName,
    detail: { filter: f, rows },
  });
  return { path, fileName, rows };
}

function describeFilter(f: AuditFilter): string {
  const parts: string[] = [];
  if (f.from) parts.push(`desde ${formatDate(f.from)}`);
  if (f.to) parts.push(`hasta ${formatDate(f.to)}`);
  if (f.username) parts.push(`usuario ${f.username}`);
  if (f.action) parts.push(`acción «${actionLabel(f.action)}»`);
  if (f.customer) parts.push('un cliente');
  if (f.station) parts.push(`estación ${f.station}`);
  return parts.join(', ');
}
