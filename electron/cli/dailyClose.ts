import { dailyCloseExport, dailyCloseGet, dailyClosePdf, type DailyCloseView } from '../../shared/contracts/dailyClose';
import { discrepancy, discrepancyText, kindLabel, laterChangeText } from '../../shared/dailyClose';
import { formatDate, formatDateTime } from '../../shared/dates';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';
import { printable } from './printable';

/**
 * `cierre --db DB [--fecha AAAA-MM-DD] [--salida CARPETA] [--json]`: the figures of the Cierre del
 * día screen through the same handler; `--salida` also writes its PDF and workbook there. Signing
 * stays on the screen, where the coordinator who counted signs with their own session.
 */

type Out = (s: string) => void;

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function describeClose(v: DailyCloseView): string[] {
  const out: string[] = [];
  const state = v.status === 'FIRMADO' ? `firmado el ${formatDateTime(v.signedAt!)} por ${printable(v.signedBy ?? '')}` : v.status === 'BORRADOR' ? 'borrador sin firmar' : 'sin conteo guardado';
  out.push(`Cierre del día ${formatDate(v.day)} — ${printable(v.office)} (${v.station}): ${state}`);
  const actas = v.clerks.reduce((n, c) => n + c.actas, 0);
  out.push(`Actas: ${actas}${v.voidedActas ? ` (anuladas, no cuentan: ${v.voidedActas})` : ''}`);
  if (v.lines.length === 0) out.push('No hubo actas este día.');
  for (const l of v.lines) {
    const d = discrepancy(l);
    const later = v.status === 'FIRMADO' ? laterChangeText(l) : null;
    out.push(`  ${printable(l.clerkName)} · ${kindLabel(l.kind)} ${printable(l.label)}: según actas ${l.recorded}, contado ${l.counted ?? '—'} → ${discrepancyText(d)}${later ? ` (${later})` : ''}`);
  }
  const t = v.totals;
  out.push(`Total: según actas ${t.recorded}, contado ${t.counted}, líneas con diferencia ${t.discrepancies}, sin contar ${t.uncounted}`);
  return out;
}

export async function dailyCloseCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, fecha: { type: 'string' }, salida: { type: 'string' }, json: { type: 'boolean' } });
  if (a.positionals.length > 0) throw new UsageError(`cierre no recibe argumentos sueltos: ${a.positionals.join(' ')}`);
  const day = a.values.fecha ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new UsageError('--fecha debe tener la forma AAAA-MM-DD.');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, dailyCloseGet, { day });
    if (!r.ok) {
      err(r.error.message);
      return r.error.kind === 'validation' ? EXIT.usage : EXIT.refused;
    }
    const files: string[] = [];
    if (a.values.salida) {
      const pdf = await call(ctx, dailyClosePdf, { day, destination: a.values.salida });
      if (!pdf.ok) return (err(pdf.error.message), EXIT.refused);
      if (pdf.value.path) files.push(pdf.value.path);
      else if (pdf.value.warning) err(pdf.value.warning);
      const xlsx = await call(ctx, dailyCloseExport, { day, destination: a.values.salida });
      if (!xlsx.ok) return (err(xlsx.error.message), EXIT.refused);
      files.push(xlsx.value.path);
    }
    if (a.values.json) out(JSON.stringify({ ...r.value, files }));
    else {
      for (const line of describeClose(r.value)) out(line);
      for (const f of files) out(`Archivo: ${f}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
