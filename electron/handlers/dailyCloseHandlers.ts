import { dailyCloseExport, dailyCloseGet, dailyClosePdf, dailyCloseSave, dailyCloseSign } from '../../shared/contracts/dailyClose';
import { formatDate } from '../../shared/dates';
import { actorOf, auditAct } from '../app/audit';
import { reportDir, type CallContext } from '../app/services';
import { exportClose, printClose, type CloseOutlet } from '../closes/closeFiles';
import { saveCloseDraft, signClose, viewClose, type CloseActor } from '../closes/dailyClose';
import { handle } from './define';
import { namedDestination } from './destination';

/** Cierre del día: coordinators and administrators count and sign, Posventa reads (electron/closes/dailyClose.ts). */

function actor(ctx: CallContext): CloseActor {
  const a = actorOf(ctx.session)!;
  return { ...a, role: ctx.session.user!.role };
}

/** The reports folder (sealed), or the folder the command line named (in clear). */
function outlet(ctx: CallContext, destination: string | undefined): CloseOutlet {
  const named = namedDestination(ctx.session, destination);
  return named ? { folder: named } : { folder: reportDir(ctx.app), seal: ctx.app.dataKey };
}

export const dailyCloseHandlers = [
  handle(dailyCloseGet, 'dailyClose', (input, ctx) => viewClose(ctx.app.db, input.day, ctx.session.user!.role)),
  handle(dailyCloseSave, 'dailyCloseCount', (input, ctx) => saveCloseDraft(ctx.app.db, input, actor(ctx))),
  handle(dailyCloseSign, 'dailyCloseCount', (input, ctx) => signClose(ctx.app.db, input, actor(ctx))),
  handle(dailyClosePdf, 'dailyClose', async (input, ctx) => {
    const v = viewClose(ctx.app.db, input.day, ctx.session.user!.role);
    const printed = await printClose(v, ctx.app.pdf, outlet(ctx, input.destination));
    if (printed.path) auditAct(ctx.app, ctx.session, { action: 'CIERRE_EXPORTADO', description: `Generó el PDF del cierre del día ${formatDate(v.day)}.`, targetKind: 'archivo', targetId: printed.fileName });
    return printed;
  }),
  handle(dailyCloseExport, 'dailyClose', async (input, ctx) => {
    const v = viewClose(ctx.app.db, input.day, ctx.session.user!.role);
    const done = await exportClose(v, outlet(ctx, input.destination));
    auditAct(ctx.app, ctx.session, { action: 'CIERRE_EXPORTADO', description: `Exportó a Excel el cierre del día ${formatDate(v.day)}.`, targetKind: 'archivo', targetId: done.fileName });
    return done;
  }),
];
