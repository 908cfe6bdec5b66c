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
import type { CallContext } from '../app/services';
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
    const id = saveHandover(ctx.app.db, input, station, ctx.session.user!, (data) => key.sign(data));
    return view(ctx, id);
  }),
  handle(handoversGet, 'user', (input, ctx) => view(ctx, input.id)),
  handle(handoversVoid, 'void', async (input, ctx) => {
    const station = requireStation(ctx.app.db);
    voidHandover(ctx.app.db, input.id, input.reason, ctx.session.user!, station.code);
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
    return printActa(ctx.app.db, ctx.app, v, input.reprint);
  }),
];
