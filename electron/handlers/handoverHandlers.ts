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
import { stmt } from '../db/stmt';
import { actasBetween, actasOfCustomer, loadActaView } from '../handovers/actaView';
import { storeActaPdf } from '../handovers/actaDocument';
import { saveHandover, voidHandover } from '../handovers/saveHandover';
import { verifyActa } from '../handovers/verifyActa';
import type { CallContext } from '../app/services';
import { handle } from './define';
import { requireStation } from './setupHandlers';

function view(ctx: CallContext, id: string) {
  const v = loadActaView(ctx.app.db, id);
  if (!v) throw new AppFailure('not_found', 'No se encontró el acta.');
  return v;
}

/** Local midnight of a `YYYY-MM-DD` date as an ISO instant: days are the station's days. */
function localDayStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).toISOString();
}

export const handoverHandlers = [
  handle(handoversSave, 'attend', (input, ctx) => {
    const station = requireStation(ctx.app.db);
    const id = saveHandover(ctx.app.db, input, station, ctx.session.user!);
    return view(ctx, id);
  }),
  handle(handoversGet, 'user', (input, ctx) => view(ctx, input.id)),
  handle(handoversVoid, 'void', (input, ctx) => {
    const station = requireStation(ctx.app.db);
    voidHandover(ctx.app.db, input.id, input.reason, ctx.session.user!, station.code);
    return view(ctx, input.id);
  }),
  handle(handoversForCustomer, 'user', (input, ctx) => actasOfCustomer(ctx.app.db, input.customerId)),
  handle(handoversList, 'user', (input, ctx) => {
    const station = requireStation(ctx.app.db);
    const to = new Date(localDayStart(input.to));
    to.setDate(to.getDate() + 1);
    const all = actasBetween(ctx.app.db, station.code, localDayStart(input.from), to.toISOString());
    const actas = input.includeVoided ? all : all.filter((a) => !a.voided);
    const byType = stmt(
      ctx.app.db,
      `SELECT hi.equipment_type AS type, count(*) AS count FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id
       WHERE h.origin_station = ? AND h.delivered_at >= ? AND h.delivered_at < ?
         AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)
       GROUP BY hi.equipment_type ORDER BY count DESC, type`,
    ).all(station.code, localDayStart(input.from), to.toISOString()) as Array<{ type: string; count: number }>;
    return { actas, byType };
  }),
  handle(handoversSerialOwner, 'user', (input, ctx) => {
    const owners = stmt(
      ctx.app.db,
      `SELECT c.id AS customerId, c.name, c.identification, s.service_number AS serviceNumber, i.id AS itemId,
         EXISTS (SELECT 1 FROM handover_items hi JOIN handovers h ON h.id = hi.handover_id WHERE hi.expected_item_id = i.id
                 AND NOT EXISTS (SELECT 1 FROM handover_voids v WHERE v.handover_id = h.id)) AS returned
       FROM expected_items i JOIN services s ON s.id = i.service_id JOIN customers c ON c.id = s.customer_id
       WHERE i.serial_key = ? LIMIT 10`,
    ).all(serialKey(input.serial)) as Array<{ customerId: string; name: string | null; identification: string | null; serviceNumber: string; itemId: string; returned: number }>;
    return { owners: owners.map((o) => ({ ...o, returned: o.returned === 1 })) };
  }),
  handle(handoversVerify, 'user', (input, ctx) => verifyActa(ctx.app.db, input.text)),
  handle(handoversPdf, 'user', async (input, ctx) => {
    const v = view(ctx, input.id);
    const stored = await storeActaPdf(ctx.app.dataDir, ctx.app.pdf, v, input.reprint);
    if (!input.reprint) stmt(ctx.app.db, 'UPDATE handovers SET pdf_path = ? WHERE id = ?').run(stored.path, v.id);
    return stored;
  }),
];
