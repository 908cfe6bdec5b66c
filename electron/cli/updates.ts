import { resolve } from 'node:path';
import { applyUpdateJob, publishUpdateJob } from '../../shared/contracts/jobKinds';
import { updatesApply, updatesPublish } from '../../shared/contracts/updates';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';
import { waitJob } from './waitJob';
import { chosenFile } from './chosenFile';

/** National updates: `publicar` at the central, `actualizar` at an office. */

type Out = (s: string) => void;

const n = (v: number) => v.toLocaleString('es-EC');

export async function publishCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, salida: { type: 'string' }, desde: { type: 'string' }, json: { type: 'boolean' } });
  const folder = resolve(need(a.values.salida, 'salida'));
  let sinceSeq: number | undefined;
  if (a.values.desde !== undefined) {
    sinceSeq = Number(a.values.desde);
    if (!Number.isInteger(sinceSeq) || sinceSeq < 1) throw new UsageError('--desde debe ser el número de una actualización publicada (1, 2, …).');
  }
  const ctx = context(need(a.values.db, 'db'));
  try {
    // The job delivers the update into --salida (checked before it starts) and only then records it.
    const r = await waitJob(ctx, publishUpdateJob, await call(ctx, updatesPublish, { destination: folder, sinceSeq }), err);
    if (!r) return EXIT.refused;
    const path = r.delivered ?? r.path;
    if (a.values.json) {
      out(
        JSON.stringify({ seq: r.seq, kind: r.kind, sinceSeq: r.sinceSeq, snapshotAt: r.snapshotAt, counts: r.counts, file: r.fileName, path, sha256: r.sha256, recipients: r.recipients, withoutKey: r.withoutKey }),
      );
    } else {
      const c = r.counts;
      out(`Actualización nacional N.º ${r.seq} (${r.kind === 'COMPLETA' ? 'completa' : `incremental desde la N.º ${r.sinceSeq}`}): ${path}`);
      out(`Clientes: ${n(c.customers)}  servicios: ${n(c.services)}  equipos de la base: ${n(c.expectedItems)}`);
      out(`Actas: ${n(c.handovers)}  equipos entregados: ${n(c.items)}  anulaciones: ${n(c.voids)}  respaldos: ${n(c.backups)}  conflictos: ${n(c.conflicts)}  estaciones: ${n(c.stations)}`);
      out(
        r.recipients.length === 1
          ? `Cifrada para la única oficina registrada con llave de cifrado (${r.recipients[0]!.code}): solo ella puede abrirla.`
          : `Cifrada para las ${n(r.recipients.length)} oficinas registradas con llave de cifrado: solo ellas pueden abrirla.`,
      );
    }
    // Said even with --json (on the error stream): these offices will not be able to apply it.
    if (r.withoutKey.length > 0) {
      err('Estas oficinas registradas no tienen llave de cifrado y no podrán abrir esta actualización hasta que Posventa registre su archivo de identidad actual:');
      for (const o of r.withoutKey) err(`  ${o.code} (${o.office})`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

export async function applyCmd(argv: string[], out: Out, err: Out): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const file = a.positionals[0];
  if (!file || a.positionals.length > 1) throw new UsageError('Indique un archivo de actualización (.recupera-nacional).');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await waitJob(ctx, applyUpdateJob, await call(ctx, updatesApply, { file: chosenFile(ctx, file) }), err);
    if (!r) return EXIT.refused;
    if (a.values.json) {
      out(
        JSON.stringify({ seq: r.seq, kind: r.kind, sinceSeq: r.sinceSeq, central: r.central, counts: r.counts, file: r.file, alreadyApplied: r.alreadyApplied, changes: r.changes, notice: r.notice ?? null }),
      );
      return EXIT.ok;
    }
    if (r.alreadyApplied) {
      out(`La actualización N.º ${r.seq} ya estaba aplicada en esta estación: no cambió nada.`);
      return EXIT.ok;
    }
    const c = r.changes;
    out(`Actualización N.º ${r.seq} de ${r.central} aplicada (${r.kind === 'COMPLETA' ? 'completa' : `incremental desde la N.º ${r.sinceSeq}`}).`);
    out(`Base: ${n(c.customersInserted)} clientes nuevos y ${n(c.customersUpdated)} actualizados; ${n(c.servicesInserted)} servicios nuevos y ${n(c.servicesUpdated)} actualizados; ${n(c.expectedItemsInserted)} equipos nuevos y ${n(c.expectedItemsUpdated)} actualizados.`);
    out(`Actas nuevas: ${n(c.handoversInserted)}  corregidas: ${n(c.handoversUpdated)}  equipos: ${n(c.itemsInserted)}  anulaciones: ${n(c.voidsInserted)}`);
    out(`Respaldos nuevos: ${n(c.backupsInserted)}  revisiones: ${n(c.reviews)}  conflictos: ${n(c.conflicts)}  estaciones: ${n(c.stations)}  estados que cambiaron: ${n(c.statuses)}`);
    if (c.renamedTo) out(`Esta estación ahora usa el código ${c.renamedTo}.`);
    for (const h of c.heldBack) out(`  Acta ${h.actaNumber} pendiente: ${h.reason}`);
    if (r.notice) out(`Aviso: ${r.notice}`);
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
