import { AUDIT_ACTIONS } from '../../shared/audit';
import { auditList, auditVerify, type AuditEntryView, type AuditFilter } from '../../shared/contracts/audit';
import { formatDateTime } from '../../shared/dates';
import { closeServices } from '../app/services';
import { roleName } from '../app/auditReport';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';

type Out = (s: string) => void;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!DAY.test(value)) throw new UsageError(`--${name} debe ser una fecha AAAA-MM-DD.`);
  return value;
}

function action(value: string | undefined): AuditFilter['action'] {
  if (value === undefined) return undefined;
  const a = AUDIT_ACTIONS.find((x) => x === value.trim().toUpperCase().replace(/-/g, '_'));
  if (!a) throw new UsageError(`--accion debe ser una de: ${AUDIT_ACTIONS.join(', ')}.`);
  return a;
}

/**
 * `auditoria --db DB [--desde AAAA-MM-DD] [--hasta AAAA-MM-DD] [--usuario U] [--accion A] [--cliente CEDULA]
 * [--estacion CODIGO] [--json]`: the audit log, newest first. `--verificar [--json]` walks every chain
 * instead and exits 1 when an entry was deleted or altered.
 */
export async function auditCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, {
    db: { type: 'string' },
    json: { type: 'boolean' },
    verificar: { type: 'boolean' },
    desde: { type: 'string' },
    hasta: { type: 'string' },
    usuario: { type: 'string' },
    accion: { type: 'string' },
    cliente: { type: 'string' },
    estacion: { type: 'string' },
  });
  const v = a.values;
  const filter: AuditFilter = {
    from: day(v.desde, 'desde'),
    to: day(v.hasta, 'hasta'),
    username: v.usuario,
    action: action(v.accion),
    customer: v.cliente,
    station: v.estacion,
  };
  const ctx = context(need(v.db, 'db'));
  try {
    if (v.verificar) {
      const r = await call(ctx, auditVerify, {});
      if (!r.ok) {
        err(r.error.message);
        return EXIT.refused;
      }
      if (v.json) out(JSON.stringify(r.value));
      else {
        out(r.value.summary);
        for (const s of r.value.stations) out(`  ${s.stationCode}: ${s.entries} ${s.entries === 1 ? 'entrada' : 'entradas'}, hasta la N.º ${s.lastSeq}`);
        for (const p of r.value.problems) out(`  ${p.message}`);
      }
      return r.value.ok ? EXIT.ok : EXIT.failed;
    }
    const entries: AuditEntryView[] = [];
    let customersMatched: number | null = null;
    for (let page = 1; ; page++) {
      const r = await call(ctx, auditList, { ...filter, page, pageSize: 500 });
      if (!r.ok) {
        err(r.error.message);
        return EXIT.refused;
      }
      entries.push(...r.value.entries);
      customersMatched = r.value.customersMatched;
      if (!r.value.hasMore) break;
    }
    if (v.json) {
      out(JSON.stringify({ entries }));
      return EXIT.ok;
    }
    if (customersMatched === 0) out('Ningún cliente coincide con --cliente.');
    if (entries.length === 0) out('No hay entradas con esos filtros.');
    for (const e of entries) {
      const who = e.username ? `${e.userName ?? e.username} (${e.username}${e.role ? `, ${roleName(e.role)}` : ''})` : 'Sistema';
      out(`${formatDateTime(e.at)}  ${e.stationCode} N.º ${e.stationSeq}  ${who}  ${e.actionLabel}: ${e.description}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
