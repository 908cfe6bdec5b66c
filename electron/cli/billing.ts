import { batchStatusLabel, billingBatches, billingMarkConfirmed, billingMarkSent, type BillingBatch } from '../../shared/contracts/billing';
import { formatDateTime } from '../../shared/dates';
import { formatUsd } from '../../shared/money';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';

/**
 * `lote DEP-AAAA-NNNN --enviado|--confirmado` moves a depuración batch one step of its life;
 * `lotes` lists every batch with its status, dates, who, counts and totals. JSON keeps cents.
 */

type Out = (s: string) => void;

function describe(b: BillingBatch): string[] {
  const lines = [`${b.batch}  ${formatDateTime(b.createdAt)}  ${batchStatusLabel(b.status)}`];
  if (b.sent) lines.push(`  enviado: ${formatDateTime(b.sent.at)}${b.sent.by ? ` por ${b.sent.by}` : ''}`);
  if (b.confirmed) lines.push(`  confirmado: ${formatDateTime(b.confirmed.at)}${b.confirmed.by ? ` por ${b.confirmed.by}` : ''}`);
  if (b.replacedBy) lines.push(`  reemplazado por ${b.replacedBy}, enviado después: ya no se puede enviar`);
  const m = b.billing;
  lines.push(`  cargos: ${m.chargeItems} equipos, ${formatUsd(m.chargeCents)}  reversos: ${m.reversalItems} equipos, ${formatUsd(m.reversalCents)}`);
  return lines;
}

export async function batchStepCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, enviado: { type: 'boolean' }, confirmado: { type: 'boolean' }, json: { type: 'boolean' } });
  const batch = a.positionals[0];
  if (!batch) throw new UsageError('Indique el lote (DEP-AAAA-NNNN).');
  if (!!a.values.enviado === !!a.values.confirmado) throw new UsageError('Indique --enviado o --confirmado (uno de los dos).');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, a.values.enviado ? billingMarkSent : billingMarkConfirmed, { batch });
    if (!r.ok) {
      err(r.error.message);
      return r.error.kind === 'validation' ? EXIT.usage : EXIT.refused;
    }
    if (a.values.json) out(JSON.stringify(r.value));
    else for (const l of describe(r.value)) out(l);
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

export async function batchListCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, billingBatches, {});
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    if (a.values.json) out(JSON.stringify(r.value));
    else if (r.value.batches.length === 0) out('Todavía no se ha hecho ninguna depuración.');
    else for (const b of r.value.batches) for (const l of describe(b)) out(l);
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
