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
import { existsSync } from 'node:fs';
import { actaHtml, storeActaPdf } from '../handovers/actaDocument';
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
  handle(handoversVoid, 'void', async (input, ctx) => {
    const station = requireStation(ctx.app.db);
    voidHandover(ctx.app.db, input.id, input.reason, ctx.session.user!, station.code);
    const v = view(ctx, input.id);
    // The archive keeps the acta as it now stands: voided.
    try {
      const path = await storeActaPdf(ctx.app.dataDir, ctx.app.pdf, v, await actaHtml(v, false), 'voided');
      stmt(ctx.app.db, 'UPDATE handovers SET pdf_path = ? WHERE id = ?').run(path, v.id);
    } catch (e) {
      console.error('[handovers:void] PDF', e);
    }
    return v;
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
    const archived = stmt(ctx.app.db, 'SELECT pdf_path FROM handovers WHERE id = ?').pluck().get(v.id) as string | null;
    const hasArchive = archived !== null && existsSync(archived);
    // Once the original is archived, anything printed again is a reprint and says so.
    const html = await actaHtml(v, input.reprint || hasArchive);
    if (hasArchive && !input.reprint) return { path: archived, html, warning: null };
    try {
      const path = await storeActaPdf(ctx.app.dataDir, ctx.app.pdf, v, html, input.reprint ? 'reprint' : 'original');
      if (!input.reprint) stmt(ctx.app.db, 'UPDATE handovers SET pdf_path = ? WHERE id = ?').run(path, v.id);
      return { path, html, warning: null };
    } catch (e) {
      console.error('[handovers:pdf]', e);
      return { path: null, html, warning: `El acta está guardada, pero no se pudo generar su PDF (${e instanceof Error ? e.message : 'error'}). Puede imprimirla igual.` };
    }
  }),
];
