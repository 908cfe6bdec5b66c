import { backupsCheckDocument, backupsFile, backupsForCustomer, backupsQueue, backupsRegister, backupsReview } from '../../shared/contracts/backups';
import { AppFailure } from '../../shared/result';
import { backupsInReview, backupsOfCustomer, loadBackup, refuseServicesNotOpen, registerBackup, reviewBackup } from '../backups/backups';
import { documentOpening } from '../backups/documentHolder';
import { checkChosenDocument, readBackupDocument, storeBackupFile, type StoredFile } from '../backups/fileStore';
import { documentPurgedAt } from '../backups/retention';
import { auditAct } from '../app/audit';
import { resolveFileToken } from '../app/fileTokens';
import type { CallContext } from '../app/services';
import { handle } from './define';
import { requireStation } from './station';

function backup(ctx: CallContext, id: string) {
  const b = loadBackup(ctx.app.db, id);
  if (!b) throw new AppFailure('not_found', 'No se encontró el respaldo.');
  return b;
}

export const backupHandlers = [
  handle(backupsRegister, 'attend', async (input, ctx) => {
    const station = requireStation(ctx.app.db);
    // Files are copied (by content hash) before the transaction; a refused file stops everything.
    // Every token is redeemed before any file is copied: one unknown file refuses the whole call.
    const chosen = input.files.map((f) => ({ path: resolveFileToken(ctx.session, f.token).path, name: f.name }));
    // A respaldo the session would refuse keeps no document.
    refuseServicesNotOpen(ctx.app.db, input);
    const stored: StoredFile[] = [];
    for (const f of chosen) stored.push(await storeBackupFile(ctx.app.dataDir, f.path, f.name, ctx.app.dataKey));
    // The use case records the entry (RESPALDO_REGISTRADO) in its own session.
    const id = registerBackup(ctx.app.db, input, stored, station.code, ctx.session.user!);
    return backup(ctx, id);
  }),
  // Nothing is kept or recorded: the person is told at once, beside the chooser, whether the file will do.
  handle(backupsCheckDocument, 'attend', async (input, ctx) => checkChosenDocument(resolveFileToken(ctx.session, input.file.token).path, input.file.name)),
  handle(backupsQueue, 'review', (_i, ctx) => backupsInReview(ctx.app.db)),
  handle(backupsForCustomer, 'user', (input, ctx) => backupsOfCustomer(ctx.app.db, input.customerId)),
  handle(backupsFile, 'user', async (input, ctx) => {
    // The respaldo, acta or message on screen must hold the document; the entry names that one.
    const opening = documentOpening(ctx.app.db, input.sha256, input.of);
    // Stored documents are named by hash and type (also attachments of mail not yet assigned).
    for (const mime of ['application/pdf', 'image/jpeg', 'image/png']) {
      // In clear only for the person who opens it (kept sealed, checked against its hash name).
      const bytes = await readBackupDocument(ctx.app.dataDir, input.sha256, mime, ctx.app.dataKey);
      if (bytes) {
        auditAct(ctx.app, ctx.session, opening);
        return { mime, base64: bytes.toString('base64') };
      }
    }
    // Purged by the retention policy: the screen says so instead of failing (retention.ts).
    const purgedAt = documentPurgedAt(ctx.app.db, input.sha256);
    if (purgedAt) return { purgedAt };
    throw new AppFailure('not_found', 'No se encontró el documento del respaldo.');
  }),
  handle(backupsReview, 'review', (input, ctx) => {
    reviewBackup(ctx.app.db, input.id, input.decision, input.reason, ctx.session.user!);
    return backup(ctx, input.id);
  }),
];
