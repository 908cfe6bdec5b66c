import { afterEach, describe, expect, it } from 'vitest';
import { backupsReview } from '../../shared/contracts/backups';
import { attentionScript } from '../../shared/attentionScript';
import { call } from '../../electron/handlers/call';
import { fingerprintOf, generateStationKeys } from '../../electron/auth/stationKeys';
import { centralStation, getLocalStationKey, trustedKeyOf } from '../../electron/db/stations';
import { campaignOf, writeSetting } from '../../electron/db/settings';
import { runWrite } from '../../electron/db/writeSession';
import type { TestApp } from '../helpers/app';
import { unzip } from '../helpers/packages';
import { card, posventa, returnSerials } from '../helpers/offices';
import { applyAt, applyRefusal, consolidate, exportNow, nationalLoop, officeContent, publish, registerBackup } from '../helpers/nationalLoop';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function loop(extra: Array<[string, string]> = []) {
  const { p, offices } = await nationalLoop([['UIO-01', 'CAC Iñaquito'], ['GYE-01', 'CAC Centro Guayaquil'], ...extra]);
  open.push(p, ...offices);
  return { p, a: offices[0]!, b: offices[1]!, rest: offices.slice(2) };
}

const service = async (t: TestApp, id: string, number: string) => (await card(t, id)).services.find((s) => s.serviceNumber === number)!;

/** A and B record, export; P consolidates and reviews (one respaldo accepted, one rejected with a reason). */
async function recordedAndReviewed() {
  const w = await loop();
  const { p, a, b } = w;
  const atB = await returnSerials(b, '1712345675', ['HW-1', 'PS-1']);
  const rejected = await registerBackup(a, '0102030400', '3003');
  const accepted = await registerBackup(a, '0912345675', '4004');
  const ownAtA = await returnSerials(a, '1104680135', ['HW-5']);
  await consolidate(p, [(await exportNow(a)).package, (await exportNow(b)).package]);
  p.ctx.session.user = posventa;
  const reason = 'El acta presentada pertenece a otro cliente';
  expect((await call(p.ctx, backupsReview, { id: accepted, decision: 'ACEPTAR' })).ok).toBe(true);
  expect((await call(p.ctx, backupsReview, { id: rejected, decision: 'RECHAZAR', reason })).ok).toBe(true);
  return { ...w, atB, ownAtA, reason, rejected, accepted };
}

describe('national updates: publicar at the central, actualizar at an office', () => {
  it('brings B’s return and Posventa’s reviews to A’s desk, with the reason and the script for a rejection', async () => {
    const { p, a, atB, ownAtA, reason } = await recordedAndReviewed();
    runWrite(p.ctx.app.db, (tx) => writeSetting(tx, 'campaign', { ...campaignOf(p.ctx.app.db), deadline: '2026-12-31' }));
    expect((await service(a, '1712345675', '1001')).status).toBe('PENDIENTE');

    const u = await publish(p);
    expect(u).toMatchObject({ seq: 1, kind: 'COMPLETA', sinceSeq: null, counts: { handovers: 2, items: 3, backups: 2, stations: 3, settings: 1 } });
    expect(u.fileName).toMatch(/^NACIONAL_0001_\d{8}-\d{4}\.recupera-nacional$/);
    const files = await unzip(u.delivered!);
    expect([...files.keys()].sort()).toEqual(['datos.sqlite', 'firma.json', 'manifest.json']);
    expect(JSON.parse(files.get('manifest.json')!.toString())).toMatchObject({
      format: 'recupera-actualizacion',
      formatVersion: 1,
      central: { code: 'PV-01', fingerprint: (await p.ctx.app.stationKey()).fingerprint },
      seq: 1,
      kind: 'COMPLETA',
    });

    const r = await applyAt(a, u.delivered!);
    expect(r).toMatchObject({ seq: 1, alreadyApplied: false, changes: { handoversInserted: 1, itemsInserted: 2, reviews: 2, renamedTo: null, heldBack: [] } });
    const s1001 = await service(a, '1712345675', '1001');
    expect(s1001.status).toBe('ENTREGADO');
    expect(s1001.items.map((i) => i.returnedIn)).toEqual([atB.number, atB.number]);
    const s3003 = await service(a, '0102030400', '3003');
    expect(s3003).toMatchObject({ status: 'RESPALDO_RECHAZADO', statusReason: reason });
    const ana = await card(a, '0102030400');
    const script = attentionScript({ ...s3003, identification: ana.identification, name: ana.name }, campaignOf(a.ctx.app.db));
    expect(script).toMatchObject({ case: 'pending', text: expect.stringContaining(`El respaldo anterior fue rechazado: ${reason}`) });
    expect((await service(a, '0912345675', '4004')).status).toBe('REGULARIZADO');
    // A's own acta is untouched, and the campaign settings Posventa owns arrived.
    expect((await service(a, '1104680135', '5005')).items[0]!.returnedIn).toBe(ownAtA.number);
    expect(campaignOf(a.ctx.app.db).deadline).toBe('2026-12-31');
    // The central's key is never replaced by an update; the other offices are learned.
    const stations = a.ctx.app.db.prepare("SELECT code, role FROM stations WHERE is_local = 0 AND enrolled_at IS NOT NULL ORDER BY code").all();
    expect(stations).toEqual([{ code: 'GYE-01', role: 'OFICINA' }, { code: 'PV-01', role: 'CENTRAL' }]);
    expect(a.ctx.app.db.prepare("SELECT station_code FROM station_key_events WHERE event = 'RECIBIDA'").pluck().all()).toEqual(['GYE-01']);

    // The same update again changes nothing and says so.
    const before = officeContent(a.ctx.app.db);
    expect(await applyAt(a, u.delivered!)).toMatchObject({ seq: 1, alreadyApplied: true });
    expect(officeContent(a.ctx.app.db)).toEqual(before);
  });

  it('refuses an older update, an incremental on one the office lacks (naming it), and applies them in order', async () => {
    const { p, a, b } = await recordedAndReviewed();
    // The base was loaded days ago: an incremental update then carries only what changed since.
    runWrite(p.ctx.app.db, (tx) => {
      for (const t of ['customers', 'services', 'expected_items']) tx.prepare(`UPDATE ${t} SET created_at = '2026-01-01T00:00:00.000Z', updated_at = '2026-01-01T00:00:00.000Z'`).run();
    });
    const u1 = await publish(p);
    const u2 = await publish(p);
    await returnSerials(b, '0102030400', ['KA-9']);
    await consolidate(p, [(await exportNow(b)).package]);
    const u3 = await publish(p, 2);
    expect(u3).toMatchObject({ seq: 3, kind: 'INCREMENTAL', sinceSeq: 2 });
    // The incremental carries the base rows that changed, those its records refer to, and every record.
    expect(u2.counts.services).toBe(5);
    expect(u3.counts.services).toBe(4);
    expect(u3.counts.handovers).toBe(3);

    expect(await applyRefusal(a, u3.path)).toContain('Falta la actualización N.º 2');
    await applyAt(a, u1.path);
    expect(await applyRefusal(a, u3.path)).toContain('Falta la actualización N.º 2');
    await applyAt(a, u2.path);
    expect(await applyRefusal(a, u3.path)).toBeNull();
    expect((await service(a, '0102030400', '3003')).status).toBe('ENTREGADO');

    // At B: the full update 2, then the older 1 is refused; the one applied before is "already applied".
    await applyAt(b, u2.path);
    expect(await applyRefusal(b, u1.path)).toContain('más antigua que la N.º 2 aplicada');
    expect(await applyAt(b, u2.path)).toMatchObject({ alreadyApplied: true });
    expect(await applyAt(b, u3.path)).toMatchObject({ alreadyApplied: false });
    expect(officeContent(b.ctx.app.db).handovers).toEqual(officeContent(a.ctx.app.db).handovers);
    // Eleven jobs on worker threads: slow on a loaded machine.
  }, 180_000);

  it('is refused at the central, and at an office that trusts no central yet', async () => {
    const { p, a } = await loop();
    const u = await publish(p);
    expect(await applyRefusal(p, u.path)).toContain('estación central');
    runWrite(a.ctx.app.db, (tx) => tx.prepare("UPDATE stations SET enrolled_at = NULL WHERE role = 'CENTRAL'").run());
    expect(await applyRefusal(a, u.path)).toContain('confiar-central');
    await expect(publish(a)).rejects.toThrow('Solo la estación central');
    await expect(publish(p, 7)).rejects.toThrow('no publicó la actualización N.º 7');
  });

  it('renames this station when a resolution says so, learns a replaced office key, and never touches its own key or the central’s', async () => {
    const { p, a, b } = await loop();
    await applyAt(a, (await publish(p)).path);
    const aKey = await a.ctx.app.stationKey();
    const aId = getLocalStationKey(a.ctx.app.db)!.id;
    const replaced = generateStationKeys().publicKey;
    const stranger = generateStationKeys().publicKey;
    runWrite(p.ctx.app.db, (tx) => {
      tx.prepare("UPDATE stations SET public_key = ?, fingerprint = ? WHERE code = 'GYE-01'").run(replaced, fingerprintOf(replaced));
      tx.prepare("UPDATE stations SET public_key = ?, fingerprint = ? WHERE code = 'UIO-01'").run(stranger, fingerprintOf(stranger));
      tx.prepare(
        `INSERT INTO stations (id, code, office, is_local, created_at, role, public_key, fingerprint, enrolled_at)
         VALUES ('otra-central', 'PV-99', 'Otra central', 0, '2026-01-01', 'CENTRAL', ?, ?, '2026-01-01')`,
      ).run(stranger, fingerprintOf(stranger));
      tx.prepare(
        `INSERT INTO sync_conflicts (id, kind, conflict_key, detail, created_at, resolution, resolution_reason, resolution_detail, resolved_by, resolved_at)
         VALUES ('c1', 'ESTACION_DUPLICADA', 'UIO-01|x|y', 'Dos estaciones usan el código UIO-01', '2026-01-01', 'RENOMBRADA', 'Otra oficina ya usaba el código', ?, 'pv-1', '2026-01-02')`,
      ).run(JSON.stringify({ stationId: aId, newCode: 'UIO-02', previousCode: 'UIO-01' }));
    });
    const r = await applyAt(a, (await publish(p)).path);
    expect(r.changes).toMatchObject({ renamedTo: 'UIO-02', stations: 1, conflicts: 1 });
    expect(getLocalStationKey(a.ctx.app.db)).toMatchObject({ code: 'UIO-02', public_key: aKey.publicKey });
    expect(centralStation(a.ctx.app.db)).toMatchObject({ code: 'PV-01', public_key: (await p.ctx.app.stationKey()).publicKey });
    expect(trustedKeyOf(a.ctx.app.db, 'GYE-01')).toBe(replaced);
    expect(trustedKeyOf(a.ctx.app.db, 'PV-99')).toBeNull();
    expect(a.ctx.app.db.prepare("SELECT station_code, previous_fingerprint FROM station_key_events WHERE event = 'RECIBIDA' ORDER BY created_at").all()).toEqual([
      { station_code: 'GYE-01', previous_fingerprint: null },
      { station_code: 'GYE-01', previous_fingerprint: (await b.ctx.app.stationKey()).fingerprint },
    ]);
  });
});
