import { backupsCheckDocument, backupsFile, backupsForCustomer, backupsQueue, backupsRegister, backupsReview } from '../../shared/contracts/backups';
import { AppFailure } from '../../shared/result';
import { backupsInReview, backupsOfCustomer, loadBackup, registerBackup, reviewBackup } from '../backups/backups';
import { checkChosenDocument, readBackupDocument, storeBackupFile, type StoredFile } from '../backups/fileStore';
import { documentPurgedAt } from '../backups/retention';
import { auditAct } from '../app/audit';
import { resolveFileToken } from '../app/fileTokens';
import type { CallContext } from '../app/services';
import { backupFileOwner } from '../db/backups';
import { handoverDocumentOwner } from '../db/handoverDocuments';
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
    const stored: Array<StoredFile & { name: string }> = [];
    for (const f of chosen) stored.push({ ...(await storeBackupFile(ctx.app.dataDir, f.path, f.name, ctx.app.dataKey)), name: f.name });
    // The use case records the entry (RESPALDO_REGISTRADO) in its own session.
    const id = registerBackup(ctx.app.db, input, stored, station.code, ctx.session.user!);
    return backup(ctx, id);
  }),
  // Nothing is kept or recorded: the person is told at once, beside the chooser, whether the file will do.
  handle(backupsCheckDocument, 'attend', async (input, ctx) => checkChosenDocument(resolveFileToken(ctx.session, input.file.token).path, input.file.name)),
  handle(backupsQueue, 'review', (_i, ctx) => backupsInReview(ctx.app.db)),
  handle(backupsForCustomer, 'user', (input, ctx) => backupsOfCustomer(ctx.app.db, input.customerId)),
  handle(backupsFile, 'user', async (input, ctx) => {
    // Stored documents are named by hash and type (also attachments of mail not yet assigned).
    for (const mime of ['application/pdf', 'image/jpeg', 'image/png']) {
      // In clear only for the person who opens it (kept sealed, checked against its hash name).
      const bytes = await readBackupDocument(ctx.app.dataDir, input.sha256, mime, ctx.app.dataKey);
      if (bytes) {
        const base64 = bytes.toString('base64');
        const owner = backupFileOwner(ctx.app.db, input.sha256);
        // A tercero's document of an acta is stored the same way and opened through this same call.
        const ofActa = owner ? null : handoverDocumentOwner(ctx.app.db, input.sha256);
        if (ofActa) {
          auditAct(ctx.app, ctx.session, {
            action: 'DOCUMENTO_ABIERTO',
            description: `Abrió el documento «${ofActa.name}» del tercero en el acta ${ofActa.actaNumber} de ${ofActa.holderName}`,
            targetKind: 'documento',
            targetId: input.sha256,
            customerId: ofActa.customerId,
            detail: { actaNumber: ofActa.actaNumber, name: ofActa.name },
          });
          return { mime, base64 };
        }
        auditAct(ctx.app, ctx.session, {
          action: 'DOCUMENTO_ABIERTO',
          description: owner
            ? `Abrió el documento «${owner.name}» del respaldo de ${owner.customerName ?? 'cliente sin nombre'}`
            : 'Abrió un documento recibido por correo que aún no se asigna a un cliente',
          targetKind: 'documento',
          targetId: input.sha256,
          customerId: owner?.customerId ?? null,
          detail: owner ? { backupId: owner.backupId, name: owner.name } : null,
        });
        return { mime, base64 };
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
