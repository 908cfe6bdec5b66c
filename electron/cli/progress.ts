import { deadlineText, progressReport, type ProgressReport, type StatusCounts, type ValueSplit } from '../../shared/contracts/progress';
import { formatDate } from '../../shared/dates';
import { formatUsd } from '../../shared/money';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';

/**
 * `avance --db DB [--desde AAAA-MM-DD] [--hasta AAAA-MM-DD] [--estacion COD] [--json]`: the
 * figures of the Avance screen, through the same handler (JSON is its answer, cents kept).
 */

type Out = (s: string) => void;

function dayArg(v: string | undefined, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--${name} debe tener la forma AAAA-MM-DD.`);
  return v;
}

/** Left-aligned first column, the rest right-aligned: a plain table that lines up in a terminal. */
function table(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)];
}

const servicesCells = (s: StatusCounts) => [s.total, s.delivered, s.partial, s.pending, s.inReview + s.regularized + s.rejected].map(String);
const valueCells = (v: ValueSplit) => [formatUsd(v.recoveredCents), formatUsd(v.owedCents)];

export function describeProgress(r: ProgressReport): string[] {
  const out: string[] = [];
  const where = r.scope.station ? `estación ${r.scope.station}` : 'todas las estaciones';
  const period = r.period.from || r.period.to ? `del ${formatDate(r.period.from) || 'inicio'} al ${formatDate(r.period.to) || formatDate(r.today)}` : 'toda la campaña';
  out.push(`Avance al ${formatDate(r.today)} — actas de ${where}, ${period}`);
  out.push(`${deadlineText(r.deadline.daysLeft)} (${formatDate(r.deadline.date)}).`);
  const s = r.campaign.services;
  const v = r.campaign.value;
  out.push('');
  out.push(`Servicios: ${s.total}  entregados: ${s.delivered}  parciales: ${s.partial}  pendientes: ${s.pending}  respaldo en revisión: ${s.inReview}  regularizados: ${s.regularized}  respaldo rechazado: ${s.rejected}`);
  out.push(`Valor recuperado: ${formatUsd(v.recoveredCents)}  por recuperar: ${formatUsd(v.owedCents)}  en revisión: ${formatUsd(v.inReviewCents)}  regularizado: ${formatUsd(v.regularizedCents)}  total de la base: ${formatUsd(v.totalCents)}`);
  out.push('');
  out.push('Por línea de negocio');
  out.push(...table(['Línea', 'Servicios', 'Entregados', 'Parciales', 'Pendientes', 'Con respaldo', 'Recuperado', 'Por recuperar'], r.byLine.map((l) => [l.line ?? 'Sin línea', ...servicesCells(l.services), ...valueCells(l.value)])));
  out.push('');
  out.push('Por tipo de equipo');
  out.push(...table(['Tipo', 'Equipos', 'Devueltos', 'Adeudados', 'Recuperado', 'Por recuperar'], r.byType.map((t) => [t.type ?? 'Sin tipo', String(t.items.expected), String(t.items.returned), String(t.items.owed), ...valueCells(t.value)])));
  out.push('');
  const a = r.activity;
  out.push(`Actas: ${a.actas}  equipos: ${a.items} (fuera de base: ${a.unlisted})  valor: ${formatUsd(a.valueCents)}  anuladas: ${a.voided}`);
  out.push('');
  out.push('Por estación');
  out.push(...table(['Estación', 'Oficina', 'Actas', 'Equipos', 'Valor'], r.byStation.map((x) => [x.code, x.office ?? '', String(x.actas), String(x.items), formatUsd(x.valueCents)])));
  out.push('');
  out.push('Por día');
  const days = r.byDay.filter((d) => d.actas > 0 || d.items > 0);
  if (days.length === 0) out.push('Sin actas en el período.');
  else out.push(...table(['Día', 'Actas', 'Equipos', 'Valor'], days.map((d) => [formatDate(d.day), String(d.actas), String(d.items), formatUsd(d.valueCents)])));
  return out;
}

export async function progressCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, desde: { type: 'string' }, hasta: { type: 'string' }, estacion: { type: 'string' }, json: { type: 'boolean' } });
  if (a.positionals.length > 0) throw new UsageError(`avance no recibe argumentos sueltos: ${a.positionals.join(' ')}`);
  const from = dayArg(a.values.desde, 'desde');
  const to = dayArg(a.values.hasta, 'hasta');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, progressReport, { from, to, station: a.values.estacion });
    if (!r.ok) {
      err(r.error.message);
      return r.error.kind === 'validation' ? EXIT.usage : EXIT.refused;
    }
    if (a.values.json) out(JSON.stringify(r.value));
    else for (const line of describeProgress(r.value)) out(line);
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
