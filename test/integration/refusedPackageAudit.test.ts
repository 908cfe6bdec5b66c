import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditList, auditVerify } from '../../shared/contracts/audit';
import { call } from '../../electron/handlers/call';
import type { AuditRecord } from '../../electron/db/audit';
import type { TestApp } from '../helpers/app';
import { consolidationSnapshot } from '../helpers/consolidationSnapshot';
import { consolidate, exportNow, nationalLoop } from '../helpers/nationalLoop';
import { office, posventa, returnSerials } from '../helpers/offices';
import { recipientOf, rezip, unzip } from '../helpers/packages';
import { forCentral, trustTestCentral } from '../helpers/trust';

/**
 * A package the central refuses writes nothing of itself, but leaves one PAQUETE_RECHAZADO entry:
 * who tried to consolidate which file, whose station it is (or claims to be), and the refusal the
 * person read, word for word. The chain stays whole.
 */

let p: TestApp;
let a: TestApp;
let c: TestApp;
let genuine: string;
let unenrolled: string;
let scratch: string;

beforeAll(async () => {
  const loop = await nationalLoop([['UIO-01', 'CAC Iñaquito']]);
  p = loop.p;
  a = loop.offices[0]!;
  // LOJ-01 trusts a central, but was never enrolled at this one: its signature cannot be checked here.
  c = await office('LOJ-01', 'CAC Loja');
  trustTestCentral(c.ctx.app);
  await returnSerials(a, '0912345675', ['ZT-4']);
  genuine = (await exportNow(a)).package;
  await returnSerials(c, '1104680135', ['HW-5']);
  unenrolled = await forCentral(p.ctx.app, (await exportNow(c)).package);
  scratch = mkdtempSync(join(a.dir, 'rechazados-'));
}, 120_000);

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  for (const t of [a, c, p]) await t?.close();
});

type Entry = Pick<AuditRecord, 'station_seq' | 'username' | 'user_name' | 'role' | 'action' | 'target_kind' | 'target_id' | 'customer_id' | 'description' | 'detail'>;

const entries = (t: TestApp): Entry[] =>
  t.ctx.app.db
    .prepare("SELECT station_seq, username, user_name, role, action, target_kind, target_id, customer_id, description, detail FROM audit_log WHERE station_code = 'PV-01' ORDER BY station_seq")
    .all() as Entry[];

/** Everything else a refused package could have written at the central. */
function centralState(t: TestApp) {
  const db = t.ctx.app.db;
  return {
    ...consolidationSnapshot(db),
    packages: db.prepare('SELECT sha256 FROM sync_packages').pluck().all(),
    stations: db.prepare('SELECT code, office FROM stations ORDER BY code').all(),
    otherEntries: db.prepare("SELECT count(*) FROM audit_log WHERE action <> 'PAQUETE_RECHAZADO'").pluck().get(),
    trabajo: existsSync(join(t.dir, 'trabajo')) ? readdirSync(join(t.dir, 'trabajo')) : [],
  };
}

/** Consolidates one package as Posventa and returns its refusal and the one entry it left. */
async function refusedWithEntry(path: string): Promise<{ reason: string; entry: Entry }> {
  const before = centralState(p);
  const seen = entries(p).length;
  const r = await consolidate(p, [path]);
  expect(r.refused).toHaveLength(1);
  expect(r.inserted).toEqual({ handovers: 0, items: 0, backups: 0, voids: 0 });
  expect(centralState(p)).toEqual(before);
  const added = entries(p).slice(seen);
  expect(added).toHaveLength(1);
  return { reason: r.refused[0]!.reason, entry: added[0]! };
}

const byPosventa = { username: posventa.username, user_name: 'Analista Posventa', role: 'POSVENTA' };

describe('a refused package leaves its audit entry', () => {
  it('a tampered copy: the file, its station and the reason shown, by who tried', async () => {
    const files = await unzip(genuine);
    const data = Buffer.from(files.get('datos.sqlite')!);
    // One byte changed, the size kept: only its SHA-256 tells.
    data[data.length - 1] = data[data.length - 1]! ^ 0xff;
    files.set('datos.sqlite', data);
    const path = join(scratch, 'UIO-01_alterado.recupera');
    await rezip(path, files, await recipientOf(genuine));

    const { reason, entry } = await refusedWithEntry(path);
    expect(reason).toBe('«datos.sqlite» no coincide con su huella SHA-256 del manifiesto: el paquete fue modificado o se dañó en el camino.');
    expect(entry).toMatchObject({
      ...byPosventa,
      action: 'PAQUETE_RECHAZADO',
      target_kind: 'paquete',
      target_id: 'UIO-01_alterado.recupera',
      customer_id: null,
      description: `Intentó consolidar el paquete UIO-01_alterado.recupera de UIO-01 (CAC Iñaquito) y se rechazó: ${reason}`,
    });
    expect(JSON.parse(entry.detail!)).toMatchObject({ station: 'UIO-01', stationVerified: true, reason, partial: false, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('a package of a station not enrolled here: the station it claims, and the reason shown', async () => {
    const name = basename(unenrolled);
    const { reason, entry } = await refusedWithEntry(unenrolled);
    expect(reason).toContain('La estación LOJ-01 no está registrada en esta central');
    expect(entry).toMatchObject({
      ...byPosventa,
      action: 'PAQUETE_RECHAZADO',
      target_id: name,
      description: `Intentó consolidar el paquete ${name}, que dice ser de LOJ-01, y se rechazó: ${reason}`,
    });
    expect(JSON.parse(entry.detail!)).toMatchObject({ station: 'LOJ-01', stationVerified: false });
  });

  it('a text file renamed .recupera: no station to name, the reason in Spanish', async () => {
    const path = join(scratch, 'notas.recupera');
    writeFileSync(path, 'Esto no es un paquete, solo texto.\n');
    const { reason, entry } = await refusedWithEntry(path);
    expect(reason).not.toMatch(/error|invalid|zip|end of central/i);
    expect(entry).toMatchObject({ ...byPosventa, action: 'PAQUETE_RECHAZADO', description: `Intentó consolidar el paquete notas.recupera y se rechazó: ${reason}` });
    expect(JSON.parse(entry.detail!)).toMatchObject({ station: null, stationVerified: false });
  });

  it('a package consolidated already leaves none; the chain stays whole and the screen lists the refusals by their label', async () => {
    expect((await consolidate(p, [genuine])).refused).toEqual([]);
    const seen = entries(p).length;
    const again = await consolidate(p, [genuine]);
    expect(again.outcomes[0]).toMatchObject({ status: 'applied' });
    expect(entries(p)).toHaveLength(seen);

    p.ctx.session.user = posventa;
    const verified = await call(p.ctx, auditVerify, {});
    expect(verified.ok && verified.value.ok).toBe(true);
    const listed = await call(p.ctx, auditList, { action: 'PAQUETE_RECHAZADO' });
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.entries.map((e) => [e.actionLabel, e.targetId])).toEqual([
      ['Paquete rechazado al consolidar', 'notas.recupera'],
      ['Paquete rechazado al consolidar', basename(unenrolled)],
      ['Paquete rechazado al consolidar', 'UIO-01_alterado.recupera'],
    ]);
  });
});
