import { resolve } from 'node:path';
import { campaignLabel, campaignsList, campaignsStart, type Campaign } from '../../shared/contracts/campaigns';
import { formatDate } from '../../shared/dates';
import { formatUsd } from '../../shared/money';
import { progressReport } from '../app/progress';
import { closeServices } from '../app/services';
import { readArchive } from '../campaigns/startCampaign';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';
import { describeProgress } from './progress';

/**
 * `campanas` lists the current campaign and the archived ones; `campana-nueva` starts a new one
 * (archive first, then the old records leave: `--confirmar` says the person read that);
 * `campana-archivo` opens an archive read-only for an auditor and prints its Avance figures.
 */

type Out = (s: string) => void;

function describe(c: Campaign): string[] {
  const out = [`${campaignLabel(c)}: desde ${formatDate(c.startedAt.slice(0, 10))}${c.closedAt ? ` hasta ${formatDate(c.closedAt.slice(0, 10))}` : ' (actual)'}`];
  if (c.summary) {
    const s = c.summary;
    out.push(`  clientes: ${s.customers}  servicios: ${s.services}  equipos: ${s.items}  actas: ${s.actas} (anuladas: ${s.voided})  equipos devueltos: ${s.returnedItems}  respaldos: ${s.backups}`);
    out.push(`  valor de la base: ${formatUsd(s.totalCents)}  recuperado: ${formatUsd(s.recoveredCents)}`);
  }
  if (c.archiveFile) out.push(`  archivo: ${c.archiveFile}${c.archivePresent ? '' : ' (no está en su carpeta)'}`);
  return out;
}

export async function campaignsCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, campaignsList, {});
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    if (a.values.json) out(JSON.stringify(r.value));
    else {
      for (const line of describe(r.value.current)) out(line);
      if (r.value.pending) out(`Una actualización nacional es de la campaña ${campaignLabel(r.value.pending)}: iníciela con ese nombre y año.`);
      for (const c of r.value.archived) for (const line of describe(c)) out(line);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

export async function newCampaignCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, {
    db: { type: 'string' },
    nombre: { type: 'string' },
    anio: { type: 'string' },
    inicio: { type: 'string' },
    limite: { type: 'string' },
    confirmar: { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (!a.values.confirmar) {
    throw new UsageError('Iniciar una campaña archiva la base actual y quita de ella los registros de la campaña que termina. Repita el comando con --confirmar.');
  }
  const year = Number(need(a.values.anio, 'anio'));
  const input = { name: need(a.values.nombre, 'nombre'), year, startDate: need(a.values.inicio, 'inicio'), deadline: need(a.values.limite, 'limite'), confirm: true as const };
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, campaignsStart, input);
    if (!r.ok) {
      err(r.error.message);
      return r.error.kind === 'validation' ? EXIT.usage : EXIT.refused;
    }
    if (a.values.json) out(JSON.stringify(r.value));
    else {
      out(`Campaña ${campaignLabel(r.value.opened)} iniciada. La anterior quedó archivada:`);
      for (const line of describe(r.value.closed)) out(line);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

export async function archiveCmd(argv: string[], out: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const file = a.positionals[0];
  if (!file) throw new UsageError('Indique el archivo de la campaña.');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const shown = readArchive(ctx.app.db, resolve(file), (archive, campaign) => ({ campaign, progress: progressReport(archive, {}, 'ADMIN') }));
    if (a.values.json) out(JSON.stringify(shown));
    else {
      for (const line of describe(shown.campaign)) out(line);
      out('');
      for (const line of describeProgress(shown.progress)) out(line);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
