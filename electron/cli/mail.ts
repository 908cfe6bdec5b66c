import { resolve } from 'node:path';
import { mailImportJob } from '../../shared/contracts/jobKinds';
import { mailImport, MAX_MAIL_FILES } from '../../shared/contracts/mail';
import { closeServices } from '../app/services';
import { call } from '../handlers/call';
import { emlFilesIn } from '../mail/mailbox';
import { chosenFile } from './chosenFile';
import { args, context, EXIT, need, UsageError } from './cliArgs';
import { printable } from './printable';
import { waitJob } from './waitJob';

/** `importar-correos CARPETA`: the .eml files of a folder, imported by the same job as the app's screen. */
export async function importMailCmd(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const a = args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  const folder = a.positionals[0];
  if (!folder) throw new UsageError('Indique la carpeta con los correos (.eml).');
  const ctx = context(need(a.values.db, 'db'));
  try {
    const files = await emlFilesIn(resolve(folder));
    // The job's own limit speaks to someone choosing files on a screen («Elija hasta…»).
    if (files.length > MAX_MAIL_FILES) {
      err(`La carpeta tiene ${files.length.toLocaleString('es-EC')} correos (.eml); se importan hasta ${MAX_MAIL_FILES.toLocaleString('es-EC')} por vez. Repártalos en carpetas de hasta ${MAX_MAIL_FILES.toLocaleString('es-EC')} y ejecute el comando con cada una. No se importó nada.`);
      return EXIT.refused;
    }
    const v = files.length === 0
      ? { messages: 0, imported: 0, duplicates: 0, assigned: 0, unassigned: [], refused: [] }
      : await waitJob(ctx, mailImportJob, await call(ctx, mailImport, { files: files.map((f) => chosenFile(ctx, f.path)) }), err);
    if (!v) return EXIT.refused;
    // JSON escapes controls itself; the lines below carry subjects and names from outside.
    if (a.values.json) out(JSON.stringify(v));
    else {
      out(`Correos: ${v.messages}  importados: ${v.imported}  repetidos: ${v.duplicates}  asignados: ${v.assigned}  sin asignar: ${v.unassigned.length}  rechazados: ${v.refused.length}`);
      for (const u of v.unassigned) out(`  ${printable(u.file)} «${printable(u.subject ?? '')}»: ${printable(u.reason)}`);
      for (const r of v.refused) out(`  RECHAZADO ${printable(r.file)}: ${printable(r.reason)}`);
    }
    return EXIT.ok;
  } finally {
    await closeServices(ctx.app);
  }
}
