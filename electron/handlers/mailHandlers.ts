import { mailAssign, mailImport, mailParseSubject, mailUnassigned } from '../../shared/contracts/mail';
import { assignMessage, importMailbox, matchSubject, unassignedMessages } from '../mail/mailbox';
import { handle } from './define';
import { requireStation } from './station';

export const mailHandlers = [
  handle(mailImport, 'review', async (input, ctx) => {
    const station = requireStation(ctx.app.db);
    return importMailbox(ctx.app.db, ctx.app.dataDir, input.folder, station.code, ctx.session.user!, ctx.app.dataKey);
  }),
  handle(mailUnassigned, 'review', (_i, ctx) => unassignedMessages(ctx.app.db)),
  handle(mailAssign, 'review', (input, ctx) => {
    const station = requireStation(ctx.app.db);
    return { backupId: assignMessage(ctx.app.db, input.messageId, input.customerId, input.serviceIds, station.code, ctx.session.user!) };
  }),
  handle(mailParseSubject, 'user', (input, ctx) => matchSubject(ctx.app.db, input.subject)),
];
