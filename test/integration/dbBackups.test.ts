import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawBaseRow } from '../../shared/baseFields';
import { dbBackupsCreate, dbBackupsList, dbBackupsRestore, dbBackupsSetFolder } from '../../shared/contracts/dbBackups';
import { dbBackupJob } from '../../shared/contracts/jobKinds';
import { jobResult } from '../../shared/contracts/jobs';
import { call } from '../../electron/handlers/call';
import { listDbBackups, readDatabaseFile } from '../../electron/db/dbBackups';
import { takeBackup } from '../../electron/dbBackups/takeBackup';
import { retentionPlan } from '../../electron/dbBackups/retention';
import { loadBaseRows } from '../../electron/import/stagedBase';
import { admin, type TestApp } from '../helpers/app';
import { clerk, coordinator, office, returnSerials } from '../helpers/offices';
import { actaNumbersIn, listAuditEntries, sha256Of } from '../helpers/dbBackups';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

async function station(code = 'UIO-INAQUITO-01', base?: RawBaseRow[]): Promise<TestApp> {
  const t = await office(code, 'CAC Iñaquito', base);
  apps.push(t);
  return t;
}

/** `n` customers with one modem each: enough actas to save in a loop. */
function manyCustomers(n: number): RawBaseRow[] {
  return Array.from({ length: n }, (_, i) => ({
    identification: String(1_000_000_000 + i * 7).padStart(10, '0'),
    name: `CLIENTE DE PRUEBA NUMERO ${i}`,
    serviceNumber: String(900_000 + i),
    businessLine: 'Internet',
    cancelDate: '2021-01-10',
    equipmentType: 'MODEM',
    brand: 'HUAWEI',
    serial: `SR-${i}`,
    value: 45,
    phone: '0991234567',
    chargesLoaded: 'NO',
  }));
}

describe('database backups', () => {
  it('takes a consistent copy while clerks keep saving: every acta committed before it began is in it, and it restores whole', async () => {
    const rows = manyCustomers(3000);
    const t = await station('UIO-INAQUITO-01', []);
    await loadBaseRows(t.ctx.app.db, rows, 'UIO-INAQUITO-01');
    t.ctx.session.user = clerk;
    const saved: string[] = [];
    let next = 0;
    const save = async () => {
      const r = rows[next]!;
      next++;
      saved.push((await returnSerials(t, String(r.identification), [String(r.serial)])).number);
    };
    for (let i = 0; i < 15; i++) await save();
    const before = [...saved];

    t.ctx.session.user = coordinator;
    const started = await call(t.ctx, dbBackupsCreate, {});
    if (!started.ok) throw new Error(started.error.message);
    t.ctx.session.user = clerk;
    let finished = false;
    const done = t.ctx.app.jobs.wait(started.value.jobId).finally(() => (finished = true));
    // The desk keeps saving while the copy is taken on its worker: no save fails or waits for it.
    while (!finished || saved.length < before.length + 5) {
      await save();
      // Lets the worker's messages in: a save alone never waits on anything outside this thread.
      await new Promise((r) => setImmediate(r));
    }
    const result = jobResult(dbBackupJob, await done);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.kind).toBe('MANUAL');
    expect(saved.length).toBeGreaterThan(before.length);

    const facts = readDatabaseFile(result.value.path, t.ctx.app.dataKey);
    expect(facts).toMatchObject({ integrity: ['ok'], stationCode: 'UIO-INAQUITO-01' });
    const inCopy = actaNumbersIn(result.value.path, t.ctx.app.dataKey);
    for (const n of before) expect(inCopy).toContain(n);
    // One moment: the copy holds a prefix of what was saved, in order.
    expect(inCopy).toEqual(saved.slice(0, inCopy.length));

    // Restored from the screen: the database is the copy, the one it replaced is kept aside with every acta.
    t.ctx.session.user = admin;
    // The reopened services would archive a PDF of every acta saved here (Chromium): not this test's matter.
    t.ctx.app.options.backgroundRecovery = false;
    const list = await call(t.ctx, dbBackupsList, {});
    if (!list.ok) throw new Error(list.error.message);
    const restored = await call(t.ctx, dbBackupsRestore, { id: list.value.backups[0]!.id });
    if (!restored.ok) throw new Error(restored.error.message);
    expect(restored.value.message).toContain('Base restaurada');
    expect(t.ctx.session.user).toBeNull();
    expect(actaNumbersIn(t.dbPath, t.ctx.app.dataKey)).toEqual(inCopy);
    const aside = readdirSync(join(t.dir, 'reemplazadas')).filter((f) => f.endsWith('.sqlite'));
    expect(aside).toHaveLength(1);
    expect(actaNumbersIn(join(t.dir, 'reemplazadas', aside[0]!), t.ctx.app.dataKey)).toEqual(saved);
    const entries = listAuditEntries(t.ctx.app.db, 'BD_RESTAURADA');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ username: 'admin' });
    // The reopened services work: a clerk signs in again and saves.
    t.ctx.session.user = clerk;
    const r = rows[next]!;
    await returnSerials(t, String(r.identification), [String(r.serial)]);
  }, 60_000);

  it('keeps the 7 newest automatic copies and the 4 newest weekly ones; manual copies stay, migration copies keep 3', async () => {
    const t = await station();
    const { db, dataDir } = t.ctx.app;
    const day0 = new Date(2026, 0, 5, 9, 0); // a Monday
    const paths: string[] = [];
    for (let d = 0; d < 40; d++) {
      const now = new Date(day0.getTime() + d * 86_400_000);
      paths.push(takeBackup({ db, dataDir, mode: 'automatic', actor: null, now }).path);
      if (d === 3) takeBackup({ db, dataDir, mode: 'manual', actor: null, now: new Date(now.getTime() + 60_000) });
    }
    const kept = listDbBackups(db);
    const automatic = kept.filter((b) => b.kind === 'DIARIO' || b.kind === 'SEMANAL');
    const weekly = kept.filter((b) => b.kind === 'SEMANAL');
    // The last 7 days (one of them a Monday, weekly) and 4 Mondays: 7 + 3 more.
    expect(automatic).toHaveLength(10);
    expect(weekly).toHaveLength(4);
    for (const w of weekly) expect(new Date(w.created_at).getDay()).toBe(1);
    expect(kept.filter((b) => b.kind === 'MANUAL')).toHaveLength(1);
    const keptPaths = new Set(kept.map((b) => join(b.folder, b.file_name)));
    for (const p of paths.slice(-7)) expect(keptPaths.has(p)).toBe(true);
    // Removed copies are gone from disk with their manifests; kept ones are there.
    for (const p of paths) expect(existsSync(p)).toBe(keptPaths.has(p));
    for (const p of paths) expect(existsSync(p.replace(/\.sqlite$/, '.json'))).toBe(keptPaths.has(p));

    const plan = retentionPlan(
      Array.from({ length: 5 }, (_, i) => ({ id: `m${i}`, kind: 'MIGRACION' as const, createdAt: `2026-01-0${i + 1}T10:00:00.000Z` })),
    );
    expect(plan.sort()).toEqual(['m0', 'm1']);
  });

  it('only an administrator moves the copies to another folder, and the change is audited old → new', async () => {
    const t = await station();
    t.ctx.session.user = coordinator;
    const refused = await call(t.ctx, dbBackupsSetFolder, { path: join(t.dir, 'otro-disco') });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'refused' } });
    t.ctx.session.user = admin;
    const r = await call(t.ctx, dbBackupsSetFolder, { path: join(t.dir, 'otro-disco') });
    expect(r).toMatchObject({ ok: true, value: { folder: join(t.dir, 'otro-disco'), isDefault: false } });
    const [entry] = listAuditEntries(t.ctx.app.db, 'CONFIGURACION_CAMBIADA');
    expect(JSON.parse(entry!.detail!)).toMatchObject({ old: join(t.dir, 'copias'), new: join(t.dir, 'otro-disco') });
    const b = takeBackup({ db: t.ctx.app.db, dataDir: t.dir, mode: 'manual', actor: null });
    expect(b.path.startsWith(join(t.dir, 'otro-disco'))).toBe(true);
    expect(sha256Of(b.path)).toBe(b.sha256);
    expect(JSON.parse(readFileSync(b.path.replace(/\.sqlite$/, '.json'), 'utf8'))).toMatchObject({ stationCode: 'UIO-INAQUITO-01', sha256: b.sha256 });
    expect(listAuditEntries(t.ctx.app.db, 'RESPALDO_BD_CREADO')).toHaveLength(1);
  });

  it('a wrong restore can be undone from the list: the copies taken after the restored one are listed again', async () => {
    const rows = manyCustomers(4);
    const t = await station('UIO-INAQUITO-01', []);
    await loadBaseRows(t.ctx.app.db, rows, 'UIO-INAQUITO-01');
    t.ctx.app.options.backgroundRecovery = false;
    const { db, dataDir } = t.ctx.app;
    const older = takeBackup({ db, dataDir, mode: 'manual', actor: null, now: new Date(2026, 10, 2, 9, 0) });
    t.ctx.session.user = clerk;
    const acta = (await returnSerials(t, String(rows[0]!.identification), [String(rows[0]!.serial)])).number;
    const newer = takeBackup({ db, dataDir, mode: 'manual', actor: null, now: new Date(2026, 10, 3, 9, 0) });
    // Another station's copy in the same folder (a shared disk) is not this database's to list.
    const foreign = await station('GYE-CENTRO-01', []);
    const theirs = takeBackup({ db: foreign.ctx.app.db, dataDir: foreign.ctx.app.dataDir, mode: 'manual', actor: null });
    const folder = join(t.dir, 'copias');
    for (const f of [theirs.path, theirs.path.replace(/\.sqlite$/, '.json')]) copyFileSync(f, join(folder, basename(f)));

    t.ctx.session.user = admin;
    const listed = async () => {
      const r = await call(t.ctx, dbBackupsList, {});
      if (!r.ok) throw new Error(r.error.message);
      return r.value.backups;
    };
    const olderId = (await listed()).find((b) => b.fileName === basename(older.path))!.id;
    const wrong = await call(t.ctx, dbBackupsRestore, { id: olderId });
    if (!wrong.ok) throw new Error(wrong.error.message);
    expect(actaNumbersIn(t.dbPath, t.ctx.app.dataKey)).toEqual([]);

    // A copy is taken before its own row is written: the restored database knew neither copy. Both
    // are back on the list, the foreign one is not.
    t.ctx.session.user = admin;
    const after = await listed();
    expect(after.map((b) => b.fileName).sort()).toEqual([basename(newer.path), basename(older.path)].sort());
    expect(after.find((b) => b.fileName === basename(newer.path))).toMatchObject({ kind: 'MANUAL', present: true, sizeBytes: statSync(newer.path).size });
    const entry = listAuditEntries(t.ctx.app.db, 'BD_RESTAURADA')[0]!;
    expect(entry.description).toContain('2 copias que la base restaurada no conocía volvieron a la lista');
    expect(JSON.parse(entry.detail!)).toMatchObject({ copiesRelisted: 2 });

    // Undone: the newer copy restores, with the acta saved after the older one.
    const undo = await call(t.ctx, dbBackupsRestore, { id: after.find((b) => b.fileName === basename(newer.path))!.id });
    if (!undo.ok) throw new Error(undo.error.message);
    expect(actaNumbersIn(t.dbPath, t.ctx.app.dataKey)).toEqual([acta]);
    t.ctx.session.user = admin;
    // Listed once each, whichever database is in place.
    expect((await listed()).map((b) => b.fileName).sort()).toEqual([basename(newer.path), basename(older.path)].sort());
  }, 60_000);
});
