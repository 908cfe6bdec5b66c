import { resolve } from 'node:path';
import { mailAssign, mailImport, mailParseSubject, mailUnassigned } from '../../shared/contracts/mail';
import { AppFailure } from '../../shared/result';
import { actorOf } from '../app/audit';
import { resolveFileToken } from '../app/fileTokens';
import { assignMessage, matchSubject, unassignedMessages } from '../mail/mailbox';
import { handle } from './define';
import { requireStation } from './station';

export const mailHandlers = [
  // The messages are read off the main thread, each on its own (mail/mailbox.ts); the screen follows the job.
  handle(mailImport, 'review', (input, { app, session }) => {
    const station = requireStation(app.db);
    if (app.dbPath === ':memory:') throw new AppFailure('refused', 'La importación de correos necesita una base de datos en disco.');
    const files = input.files.map((f) => {
      const chosen = resolveFileToken(session, f.token);
      return { path: resolve(chosen.path), name: chosen.name };
    });
    const jobId = app.jobs.start({
      dbPath: app.dbPath,
      nativeBinding: app.nativeBinding,
      actor: actorOf(session),
      job: { kind: 'mailImport', dataDir: app.dataDir, files, stationCode: station.code, userId: session.user?.id ?? null },
    });
    return { jobId };
  }),
  handle(mailUnassigned, 'review', (_i, ctx) => unassignedMessages(ctx.app.db)),
  handle(mailAssign, 'review', (input, ctx) => {
    const station = requireStation(ctx.app.db);
    return { backupId: assignMessage(ctx.app.db, input.messageId, input.customerId, input.serviceIds, station.code, ctx.session.user!) };
  }),
  handle(mailParseSubject, 'user', (input, ctx) => matchSubject(ctx.app.db, input.subject)),
];
