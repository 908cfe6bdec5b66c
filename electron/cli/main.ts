import { resolve } from 'node:path';
import { searchQuery } from '../../shared/contracts/customers';
import { handoversPdf } from '../../shared/contracts/handovers';
import { importStart } from '../../shared/contracts/importBase';
import { consolidateJob, depurateJob, exportJob, importBaseJob, importHandoversJob } from '../../shared/contracts/jobKinds';
import { syncConsolidate, syncDepurate, syncExport } from '../../shared/contracts/sync';
import { formatDate } from '../../shared/dates';
import { formatUsd } from '../../shared/money';
import { writeClearCopy } from '../files/sealedFile';
import { AppFailure } from '../../shared/result';
import { statusLabel } from '../../shared/status';
import { closeServices } from '../app/services';
import { handoverIdByNumber } from '../db/actas';
import { log } from '../platform/log';
import { call } from '../handlers/call';
import { args, context, EXIT, need, UsageError } from './cliArgs';
import { auditCmd } from './audit';
import { batchListCmd, batchStepCmd } from './billing';
import { runDemo } from './demo';
import { conflictsCmd, resolveConflictCmd } from './conflicts';
import { backupDbCmd, restoreDbCmd } from './dbBackups';
import { diagnosticsCmd } from './diagnostics';
import { progressCmd } from './progress';
import { dailyCloseCmd } from './dailyClose';
import { archiveCmd, campaignsCmd, newCampaignCmd } from './campaigns';
import { identityCmd, initCmd, stationsCmd, trustCmd } from './stations';
import { verifyCmd } from './verify';
import { userActiveCmd, userEditCmd, userNewCmd, userPasswordCmd, usersCmd } from './users';
import { applyCmd, publishCmd } from './updates';
import { USAGE } from './usage';
import { waitJob } from './waitJob';
import { importMailCmd } from './mail';
import { printable, printableLines } from './printable';
import { chosenFile } from './chosenFile';
import { unreadColumnsLine } from './importColumns';


export { EXIT };

async function importBase(argv: string[], out: (s: string) => void, err: (s: string) => void, kind: 'BASE' | 'ENTREGAS' = 'BASE'): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' }, 'vista-previa': { type: 'boolean' } });
  const file = a.positionals[0];
  if (!file) throw new UsageError('Indique el archivo a importar.');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const started = await call(ctx, importStart, { file: chosenFile(ctx, file), mode: a.values['vista-previa'] ? 'preview' : 'commit', kind });
    const s = await waitJob(ctx, kind === 'ENTREGAS' ? importHandoversJob : importBaseJob, started, err);
    if (!s) return EXIT.refused;
    if (a.values.json) {
      out(
        JSON.stringify({
          rows: s.rows,
          inserted: s.inserted,
          updated: s.updated,
          unchanged: s.unchanged,
          duplicates: s.duplicates,
          rejected: s.rejected,
          warnings: s.warnings,
          errors: s.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
          warningList: s.warningList.map((w) => ({ row: w.row, column: w.column, message: w.message })),
          report: s.reportPath,
        }),
      );
    } else {
      out(`Hoja «${printable(s.sheet)}», encabezados en la fila ${s.headerRow}.`);
      const unread = unreadColumnsLine(s.columns);
      if (unread) out(unread);
      out(`Filas: ${s.rows}  nuevas: ${s.inserted}  actualizadas: ${s.updated}  sin cambios: ${s.unchanged}  repetidas: ${s.duplicates}  rechazadas: ${s.rejected}  advertencias: ${s.warnings}`);
      for (const e of s.errors.slice(0, 20)) out(`  fila ${e.row} (${printable(e.column)}): ${printable(e.message)}`);
      if (s.errors.length > 20) out(`  … y ${s.rejected - 20} filas rechazadas más${s.reportPath ? ' (en el reporte)' : ''}.`);
      if (s.warningList.length > 0) out('Advertencias (la fila se guarda):');
      for (const w of s.warningList.slice(0, 20)) out(`  fila ${w.row} (${printable(w.column)}): ${printable(w.message)}`);
      if (s.warnings > 20) out(`  … y ${s.warnings - 20} advertencias más${s.reportPath ? ' (en el reporte)' : ''}.`);
      if (s.reportPath) out(`Reporte: ${s.reportPath}`);
      if (s.mode === 'preview') out('Vista previa: no se guardó nada.');
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

async function search(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' }, limite: { type: 'string' } });
  const text = a.positionals.join(' ');
  if (!text) throw new UsageError('Indique el texto a buscar.');
  const limit = a.values.limite ? Number(a.values.limite) : 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limite debe ser un número entre 1 y 100.');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const r = await call(ctx, searchQuery, { text, limit });
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    if (a.values.json) {
      out(JSON.stringify({ results: r.value.results }));
      return EXIT.ok;
    }
    if (r.value.results.length === 0) out('Sin resultados.');
    for (const c of r.value.results) {
      out(printable(`${c.identification ?? '(sin identificación)'}  ${c.name ?? ''}`));
      for (const s of c.services) {
        out(`  ${s.serviceNumber}  ${s.businessLine ?? ''}  retiro ${formatDate(s.cancelDate)}  ${statusLabel(s.status)}`);
        for (const i of s.items) out(`    ${printable(`${i.type ?? ''} ${i.brand ?? ''} ${i.model ?? ''}  serie ${i.serial ?? '-'}`)}  ${formatUsd(i.valueCents)}`);
      }
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

async function demo(argv: string[], out: (s: string) => void): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, clientes: { type: 'string' }, semilla: { type: 'string' }, xlsx: { type: 'string' } });
  const customers = Number(need(a.values.clientes, 'clientes'));
  const seed = a.values.semilla ? Number(a.values.semilla) : 1;
  if (!Number.isInteger(customers) || customers < 1) throw new UsageError('--clientes debe ser un número entero positivo.');
  if (!Number.isInteger(seed)) throw new UsageError('--semilla debe ser un número entero.');
  const xlsx = a.values.xlsx as string | undefined;
  if (xlsx && !a.values.db) {
    out(await runDemo({ xlsx: resolve(xlsx), customers, seed }));
    return EXIT.ok;
  }
  const ctx = context(need(a.values.db, 'db'));
  try {
    out(await runDemo({ ctx, xlsx: xlsx ? resolve(xlsx) : undefined, customers, seed }));
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

async function actaPdf(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, pdf: { type: 'string' } });
  const number = a.positionals[0];
  if (!number) throw new UsageError('Indique el número de acta.');
  const target = resolve(need(a.values.pdf, 'pdf'));
  const ctx = context(need(a.values.db, 'db'));
  try {
    const id = handoverIdByNumber(ctx.app.db, number.trim().toUpperCase());
    if (!id) {
      err(`No existe el acta ${number} en esta base de datos.`);
      return EXIT.refused;
    }
    // Chromium starts while the acta is read, checked and its document built.
    ctx.app.pdf.warm?.();
    const r = await call(ctx, handoversPdf, { id, reprint: true });
    if (!r.ok) {
      err(r.error.message);
      return EXIT.refused;
    }
    if (!r.value.path) {
      err(r.value.warning ?? 'No se pudo generar el PDF.');
      return EXIT.failed;
    }
    try {
      await writeClearCopy(r.value.path, target, ctx.app.dataKey);
    } catch (e) {
      if (!(e instanceof AppFailure)) throw e;
      err(e.message);
      return EXIT.failed;
    }
    out(`Acta ${number} escrita en ${target}.`);
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

function isoDayArg(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--${name} debe tener la forma AAAA-MM-DD.`);
  return v;
}

async function exportCmd(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, salida: { type: 'string' }, desde: { type: 'string' }, hasta: { type: 'string' }, documentos: { type: 'boolean' }, json: { type: 'boolean' } });
  const folder = resolve(need(a.values.salida, 'salida'));
  const from = isoDayArg(a.values.desde, 'desde');
  const to = isoDayArg(a.values.hasta, 'hasta');
  const ctx = context(need(a.values.db, 'db'));
  try {
    // The job delivers the package into --salida (checked before it starts) and only then records the export.
    const r = await waitJob(ctx, exportJob, await call(ctx, syncExport, { from, to, includeDocuments: !!a.values.documentos, destination: folder }), err);
    if (!r) return EXIT.refused;
    const path = r.delivered ?? r.package;
    if (a.values.json) out(JSON.stringify({ package: path, handovers: r.handovers, items: r.items, backups: r.backups, voids: r.voids }));
    else {
      out(`Paquete: ${path}`);
      out(`Actas: ${r.handovers}  equipos: ${r.items}  respaldos: ${r.backups}  anulaciones: ${r.voids}  documentos: ${r.documents}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

async function consolidateCmd(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  if (a.positionals.length === 0) throw new UsageError('Indique uno o más paquetes (.recupera).');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const packages = a.positionals.map((p) => chosenFile(ctx, p));
    const r = await waitJob(ctx, consolidateJob, await call(ctx, syncConsolidate, { packages }), err);
    if (!r) return EXIT.failed;
    if (a.values.json) {
      const applied = r.outcomes.filter((o) => o.status === 'applied').map((o) => ({ package: o.package, station: o.station }));
      out(JSON.stringify({ packages: r.packages, refused: r.refused, applied, inserted: r.inserted, duplicates: r.duplicates, conflicts: r.conflicts }));
    } else {
      for (const o of r.outcomes) {
        if (o.status === 'refused') out(printable(`RECHAZADO ${o.package}: ${o.reason}`));
        else if (o.status === 'applied') out(printable(`YA APLICADO ${o.package} (${o.station}): ${o.reason}`));
        else out(printable(`${o.package} (${o.station}): actas ${o.inserted.handovers}, equipos ${o.inserted.items}, respaldos ${o.inserted.backups}, anulaciones ${o.inserted.voids}, ya estaban ${o.duplicates}${o.reason ? `. AVISO: ${o.reason}` : ''}`));
      }
      out(`Conflictos nuevos: ${r.conflicts.length}`);
      for (const c of r.conflicts) out(`  [${c.kind}] ${printable(c.detail)}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

async function depurateCmd(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, salida: { type: 'string' }, json: { type: 'boolean' } });
  const folder = resolve(need(a.values.salida, 'salida'));
  const ctx = context(need(a.values.db, 'db'));
  try {
    // The job delivers the files into --salida (checked before it starts) and only then records the batch.
    const r = await waitJob(ctx, depurateJob, await call(ctx, syncDepurate, { destination: folder }), err);
    if (!r) return EXIT.refused;
    const files = r.delivered ?? r.files;
    const { counts } = r;
    if (a.values.json) out(JSON.stringify({ batch: r.batch, files, counts }));
    else {
      out(`Lote ${r.batch}`);
      out(`Pendientes: ${counts.pending}  parciales: ${counts.partial}  entregados: ${counts.delivered}  regularizados: ${counts.regularized}  en revisión: ${counts.inReview}`);
      out(`Valor a cargar: ${formatUsd(counts.chargeTotalCents)}`);
      for (const f of Object.values(files)) out(`  ${f}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}

/** The support bundle (versions, database checks, settings, the log's tail), copied into --salida. */
async function diagnostics(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, salida: { type: 'string' }, json: { type: 'boolean' } });
  const folder = resolve(need(a.values.salida, 'salida'));
  const ctx = context(need(a.values.db, 'db'));
  try {
    return EXIT[await diagnosticsCmd(ctx, folder, !!a.values.json, out, err)];
  } finally {
    await closeServices(ctx.app);
  }
}

export async function runCli(
  argv: string[],
  // Whatever a command prints may quote outside text: no escape sequence or control reaches the terminal.
  out: (s: string) => void = (s) => process.stdout.write(printableLines(s) + '\n'),
  err: (s: string) => void = (s) => process.stderr.write(printableLines(s) + '\n'),
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'iniciar':
        return await initCmd(rest, out, err);
      case 'importar-base':
        return await importBase(rest, out, err);
      case 'buscar':
        return await search(rest, out, err);
      case 'demo':
        return await demo(rest, out);
      case 'acta':
        return await actaPdf(rest, out, err);
      case 'verificar':
        return await verifyCmd(rest, out, err);
      case 'importar-correos':
        return await importMailCmd(rest, out, err);
      case 'importar-entregas':
        return await importBase(rest, out, err, 'ENTREGAS');
      case 'exportar':
        return await exportCmd(rest, out, err);
      case 'consolidar':
        return await consolidateCmd(rest, out, err);
      case 'conflictos':
        return await conflictsCmd(rest, out, err);
      case 'resolver-conflicto':
        return await resolveConflictCmd(rest, out, err);
      case 'depurar':
        return await depurateCmd(rest, out, err);
      case 'publicar':
        return await publishCmd(rest, out, err);
      case 'actualizar':
        return await applyCmd(rest, out, err);
      case 'lote':
        return await batchStepCmd(rest, out, err);
      case 'lotes':
        return await batchListCmd(rest, out, err);
      case 'diagnostico':
        return await diagnostics(rest, out, err);
      case 'identidad':
        return await identityCmd(rest, out, err);
      case 'confiar-central':
        return await trustCmd('central', rest, out, err);
      case 'registrar-estacion':
        return await trustCmd('enrol', rest, out, err);
      case 'estaciones':
        return await stationsCmd(rest, out, err);
      case 'usuarios':
        return await usersCmd(rest, out, err);
      case 'usuario-nuevo':
        return await userNewCmd(rest, out, err);
      case 'usuario-editar':
        return await userEditCmd(rest, out, err);
      case 'usuario-desactivar':
        return await userActiveCmd(false, rest, out, err);
      case 'usuario-reactivar':
        return await userActiveCmd(true, rest, out, err);
      case 'usuario-clave':
        return await userPasswordCmd(rest, out, err);
      case 'auditoria':
        return await auditCmd(rest, out, err);
      case 'respaldar-bd':
        return await backupDbCmd(rest, out, err);
      case 'restaurar-bd':
        return await restoreDbCmd(rest, out, err);
      case 'avance':
        return await progressCmd(rest, out, err);
      case 'cierre':
        return await dailyCloseCmd(rest, out, err);
      case 'campanas':
        return await campaignsCmd(rest, out, err);
      case 'campana-nueva':
        return await newCampaignCmd(rest, out, err);
      case 'campana-archivo':
        return await archiveCmd(rest, out);
      case undefined:
      case 'ayuda':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        err(`Comando desconocido: ${command}\n\n${USAGE}`);
        return EXIT.usage;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    log.error('cli.failed', { command, err: e });
    // Our own refusals are already Spanish; anything else is told in Spanish, its cause is in the log.
    err(e instanceof AppFailure ? e.message : 'Ocurrió un error inesperado; la causa quedó en el registro (registro/recupera.log). Si se repite, avise a soporte.');
    return (e as { kind?: string }).kind === 'refused' ? EXIT.refused : EXIT.failed;
  }
}

// Run only when executed directly (tests import runCli).
if (process.argv[1] && /cli[\\/]main\.(ts|mjs|js)$/.test(process.argv[1])) {
  // `buscar … | head`: the reader has all it wanted. A closed pipe is not a failure to report with a trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  void runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

