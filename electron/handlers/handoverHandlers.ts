import {
  handoversAttachDocuments,
  handoversForCustomer,
  handoversGet,
  handoversList,
  handoversPdf,
  handoversSave,
  handoversSerialOwner,
  handoversVerify,
  handoversVoid,
} from '../../shared/contracts/handovers';
import type { HandoverDocumentInput } from '../../shared/contracts/handovers';
import { AppFailure } from '../../shared/result';
import { serialKey } from '../../shared/values';
import { serialOwners } from '../db/expectedItems';
import { actasOfCustomer, actasOfDays, loadActaView } from '../handovers/actaView';
import { archiveVoidedActa, printActa } from '../handovers/actaPdf';
import { attachHandoverDocuments, storeHandoverDocuments } from '../handovers/handoverDocuments';
import { saveHandover, voidHandover } from '../handovers/saveHandover';
import { verifyActa } from '../handovers/verifyActa';
import { auditAct } from '../app/audit';
import { resolveFileToken } from '../app/fileTokens';
import type { CallContext } from '../app/services';
import { countOf as plural } from '../../shared/auditText';
import { audited } from './audited';
import { handle } from './define';
import { requireStation } from './station';

/**
 * The tercero's chosen documents, stored before any write session: every token is redeemed first
 * (one unknown file refuses the call before anything is copied), then each file is checked and kept.
 */
async function storedDocuments(ctx: CallContext, docs: HandoverDocumentInput[]) {
  const chosen = docs.map((d) => ({ path: resolveFileToken(ctx.session, d.token).path, name: d.name, kind: d.kind }));
  return storeHandoverDocuments(chosen, ctx.app.dataDir, ctx.app.dataKey);
}

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
    const documents = input.deliveredBy === 'TERCERO' ? await storedDocuments(ctx, input.documents ?? []) : [];
    const id = audited(
      ctx,
      () => saveHandover(ctx.app.db, input, station, ctx.session.user!, (data) => key.sign(data), new Date(), documents),
      (saved, tx) => {
        const v = loadActaView(tx, saved)!;
        return {
          action: 'ACTA_GUARDADA',
          description: `Guardó el acta ${v.number} de ${v.holder.name} (${plural(v.items.length, 'equipo', 'equipos')})`,
          targetKind: 'acta',
          targetId: v.number,
          customerId: v.customerId,
          // The tercero's documents are part of the acta's own entry (what, which file, its hash).
          detail: {
            items: v.items.length,
            deliveredBy: v.deliveredBy,
            outOfBase: v.outOfBase,
            ...(v.documents.length > 0 ? { documents: v.documents.map((d) => ({ kind: d.kind, name: d.name, sha256: d.sha256 })) } : {}),
          },
        };
      },
    );
    return view(ctx, id);
  }),
  handle(handoversGet, 'user', (input, ctx) => view(ctx, input.id)),
  handle(handoversAttachDocuments, 'attend', async (input, ctx) => {
    const station = requireStation(ctx.app.db);
    const documents = await storedDocuments(ctx, input.documents);
    // The use case records its own entry (ACTA_DOCUMENTOS_ADJUNTOS) in the same session.
    attachHandoverDocuments(ctx.app.db, input.id, documents, station.code, ctx.session.user!);
    return view(ctx, input.id);
  }),
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
