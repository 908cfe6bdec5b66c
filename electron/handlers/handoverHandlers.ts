import {
  handoversForCustomer,
  handoversGet,
  handoversList,
  handoversPdf,
  handoversSave,
  handoversSerialOwner,
  handoversVerify,
  handoversVoid,
} from '../../shared/contracts/handovers';
import { AppFailure } from '../../shared/result';
import { serialKey } from '../../shared/values';
import { serialOwners } from '../db/expectedItems';
import { actasOfCustomer, actasOfDays, loadActaView } from '../handovers/actaView';
import { archiveVoidedActa, printActa } from '../handovers/actaPdf';
import { saveHandover, voidHandover } from '../handovers/saveHandover';
import { verifyActa } from '../handovers/verifyActa';
import { auditAct } from '../app/audit';
import type { CallContext } from '../app/services';
import { countOf as plural } from '../../shared/auditText';
import { audited } from './audited';
import { handle } from './define';
import { requireStation } from './station';

function view(ctx: CallContext, id: string) {
  const v = loadActaView(ctx.app.db, id);
  if (!v) throw new AppFailure('not_found', 'No se encontró el acta.');
  return v;
}

export const handoverHandlers = [
  handle(handoversSave, 'attend', async (input, ctx) => {
    const station = requireStation(ctx.app.db);
    // The key is loaded before the write session: the acta is signed inside it, synchronously.
    const key = await ctx.app.stationKey();
    const id = audited(
      ctx,
      () => saveHandover(ctx.app.db, input, station, ctx.session.user!, (data) => key.sign(data)),
      (saved, tx) => {
        const v = loadActaView(tx, saved)!;
        return {
          action: 'ACTA_GUARDADA',
          description: `Guardó el acta ${v.number} de ${v.holder.name} (${plural(v.items.length, 'equipo', 'equipos')})`,
          targetKind: 'acta',
          targetId: v.number,
          customerId: v.customerId,
          detail: { items: v.items.length, deliveredBy: v.deliveredBy, outOfBase: v.outOfBase },
        };
      },
    );
    return view(ctx, id);
  }),
  handle(handoversGet, 'user', (input, ctx) => view(ctx, input.id)),
  handle(handoversVoid, 'void', async (input, ctx) => {
    const station = requireStation(ctx.app.db);
    audited(
      ctx,
      () => voidHandover(ctx.app.db, input.id, input.reason, ctx.session.user!, station.code),
      (_none, tx) => {
        const voided = loadActaView(tx, input.id)!;
        return {
          action: 'ACTA_ANULADA',
          description: `Anuló el acta ${voided.number} de ${voided.holder.name}: ${voided.voided?.reason ?? input.reason}`,
          targetKind: 'acta',
          targetId: voided.number,
          customerId: voided.customerId,
          detail: { reason: voided.voided?.reason ?? input.reason },
        };
      },
    );
    const v = view(ctx, input.id);
    await archiveVoidedActa(ctx.app.db, ctx.app, v);
    return v;
  }),
  handle(handoversForCustomer, 'user', (input, ctx) => actasOfCustomer(ctx.app.db, input.customerId)),
  handle(handoversList, 'user', (input, ctx) => {
    const station = requireStation(ctx.app.db);
    return actasOfDays(ctx.app.db, station.code, input.from, input.to, input.includeVoided);
  }),
  handle(handoversSerialOwner, 'user', (input, ctx) => {
    const owners = serialOwners(ctx.app.db, serialKey(input.serial));
    return { owners: owners.map((o) => ({ ...o, returned: o.returned === 1 })) };
  }),
  handle(handoversVerify, 'user', (input, ctx) => verifyActa(ctx.app.db, input.text)),
  handle(handoversPdf, 'user', async (input, ctx) => {
    const v = view(ctx, input.id);
    const printed = await printActa(ctx.app.db, ctx.app, v, input.reprint);
    // Showing an acta's PDF shows the customer's data: each opening and each reprint is recorded.
    auditAct(ctx.app, ctx.session, {
      action: input.reprint ? 'ACTA_REIMPRESA' : 'ACTA_ABIERTA',
      description: `${input.reprint ? 'Reimprimió el acta' : 'Abrió el PDF del acta'} ${v.number} de ${v.holder.name}`,
      targetKind: 'acta',
      targetId: v.number,
      customerId: v.customerId,
    });
    return printed;
  }),
];
