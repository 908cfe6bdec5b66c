import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RawBaseRow } from '../../shared/baseFields';
import { searchQuery, type CustomerCard } from '../../shared/contracts/customers';
import { handoversSave } from '../../shared/contracts/handovers';
import { importStart } from '../../shared/contracts/importBase';
import { closeServices, createServices } from '../../electron/app/services';
import { attachStage, CUSTOMER_NAMES, detachStage, RECHECK, UPSERT } from '../../electron/db/baseApply';
import { nowIso, newId } from '../../electron/db/ids';
import { call } from '../../electron/handlers/call';
import { BaseWriter } from '../../electron/import/baseWriter';
import { BaseRowApplier } from '../../electron/import/rowApplier';
import { applyBaseStage, loadBaseRows, newBaseStage, stageDir } from '../../electron/import/stagedBase';
import { admin, testApp, type TestApp } from '../helpers/app';
import { pick } from '../helpers/files';

const clerk = { id: 'clerk-1', username: 'asesor', fullName: 'Asesor Uno', role: 'ASESOR' as const };
let t: TestApp;

beforeEach(async () => {
  t = await testApp();
  t.ctx.session.user = admin;
});
afterEach(async () => {
  await t.close();
});

const count = (sql: string): number => t.ctx.app.db.prepare(sql).pluck().get() as number;

function rows(n: number, prefix = ''): RawBaseRow[] {
  return Array.from({ length: n }, (_, i) => ({
    identification: null,
    name: `CLIENTE ${prefix}${i} PRUEBA`,
    serviceNumber: `${prefix}${900000 + i}`,
    businessLine: 'Internet',
    equipmentType: 'MODEM',
    serial: `SR${prefix}${i}`,
  }));
}

async function card(text: string): Promise<CustomerCard> {
  const r = await call(t.ctx, searchQuery, { text, limit: 1 });
  if (!r.ok || !r.value.results[0]) throw new Error(`customer not found: ${text}`);
  return r.value.results[0];
}

describe('a base import applied from its stage', () => {
  it('applies each range through indexes: the stage by row number, the live tables by key, never a scan', () => {
    const stage = newBaseStage(t.ctx.app.db, newId());
    stage.seal();
    attachStage(t.ctx.app.db, stage.path);
    try {
      for (const sql of [...Object.values(UPSERT), ...Object.values(RECHECK), CUSTOMER_NAMES]) {
        const plan = (t.ctx.app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, 2) as Array<{ detail: string }>).map((r) => r.detail);
        expect(plan[0]).toMatch(/^SEARCH s USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
        expect(plan.filter((d) => /^SCAN/.test(d))).toEqual([]);
      }
    } finally {
      detachStage(t.ctx.app.db);
      stage.discard();
    }
  });

  it('re-indexes for search only the names a re-import changed, not every customer it read', async () => {
    const db = t.ctx.app.db;
    await loadBaseRows(db, rows(40), 'UIO-INAQUITO-01');
    db.pragma('query_only = OFF');
    db.exec(`CREATE TEMP TABLE renamed (num INTEGER);
      CREATE TEMP TRIGGER log_renamed AFTER UPDATE OF name ON main.customers BEGIN INSERT INTO renamed VALUES (new.num); END;`);
    db.pragma('query_only = ON');
    const again = rows(40);
    again[7] = { ...again[7]!, name: 'CLIENTE 7 CORREGIDO' };
    const counts = await loadBaseRows(db, again, 'UIO-INAQUITO-01');
    expect(counts).toMatchObject({ unchanged: 39, updated: 1 });
    expect(count('SELECT count(*) FROM temp.renamed')).toBe(1);
    expect((await card('CORREGIDO')).name).toBe('CLIENTE 7 CORREGIDO');
    expect(count("SELECT count(*) FROM customers_fts WHERE customers_fts MATCH 'PRUEBA'")).toBe(39);
  });

  it('is finished on the next start when the process dies half-way through the apply', async () => {
    const importId = newId();
    const stage = newBaseStage(t.ctx.app.db, importId);
    const applier = new BaseRowApplier(new BaseWriter(stage, 'UIO-INAQUITO-01', nowIso(), importId));
    rows(9_000).forEach((r, i) => applier.apply(r, i + 2));
    const record = { id: importId, station: 'UIO-INAQUITO-01', kind: 'BASE' as const, fileName: 'base.xlsx', sha256: 'x'.repeat(64), userId: null, startedAt: nowIso(), ...applier.counts };
    let sessions = 0;
    // The third pause between write sessions is where the power goes.
    const crash = applyBaseStage(t.ctx.app.db, stage, record, {
      between: () => {
        if (++sessions === 3) throw new Error('power cut');
      },
    });
    await expect(crash).rejects.toThrow('power cut');
    const partly = count('SELECT count(*) FROM customers');
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(9_000);
    expect(count('SELECT count(*) FROM staged_applies')).toBe(1);
    expect(count('SELECT count(*) FROM imports')).toBe(0);

    // A new start of the app on the same database finishes it before anything reads.
    await closeServices(t.ctx.app);
    t.ctx.app = createServices({ dbPath: t.dbPath, dataDir: t.dir });
    expect(count('SELECT count(*) FROM customers')).toBe(9_000);
    expect(count('SELECT count(*) FROM services')).toBe(9_000);
    expect(count('SELECT count(*) FROM expected_items')).toBe(9_000);
    expect(count('SELECT count(*) FROM staged_applies')).toBe(0);
    expect(t.ctx.app.db.prepare('SELECT file_name, rows, inserted FROM imports').all()).toEqual([{ file_name: 'base.xlsx', rows: 9_000, inserted: 9_000 }]);
    expect(readdirSync(stageDir(t.ctx.app.db))).toEqual([]);
    expect((await card('CLIENTE 8999 PRUEBA')).services[0]).toMatchObject({ serviceNumber: '908999', status: 'PENDIENTE' });
  });

  it('lets the WAL grow between commits only while nobody is saving, and leaves the connection as it found it', async () => {
    const db = t.ctx.app.db;
    const setting = () => db.pragma('wal_autocheckpoint', { simple: true }) as number;
    expect(setting()).toBe(1000);
    const stage = newBaseStage(db, newId());
    const applier = new BaseRowApplier(new BaseWriter(stage, 'UIO-INAQUITO-01', nowIso(), newId()));
    rows(9_000).forEach((r, i) => applier.apply(r, i + 2));
    // The clerk starts saving after the third session; what each session ran with is seen in the pause after it.
    let sessions = 0;
    const seen: Array<[boolean, number]> = [];
    const deskActive = () => sessions > 3;
    await applyBaseStage(db, stage, null, {
      deskActive,
      between: () => {
        if (sessions++ > 0) seen.push([sessions - 1 > 3, setting()]);
      },
    });
    expect(seen.filter(([desk]) => !desk).map(([, pages]) => pages)).toEqual([8000, 8000, 8000]);
    const busy = seen.filter(([desk]) => desk).map(([, pages]) => pages);
    expect(busy.length).toBeGreaterThan(0);
    expect(new Set(busy)).toEqual(new Set([1000]));
    expect(setting()).toBe(1000);

    // A failure half-way leaves the setting as it was too.
    const again = newBaseStage(db, newId());
    const second = new BaseRowApplier(new BaseWriter(again, 'UIO-INAQUITO-01', nowIso(), newId()));
    rows(9_000, 'B').forEach((r, i) => second.apply(r, i + 2));
    let pauses = 0;
    await expect(
      applyBaseStage(db, again, null, {
        between: () => {
          if (++pauses === 3) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    expect(setting()).toBe(1000);
  });

  it('drops an interrupted apply whose stage file is gone, and says so', async () => {
    const importId = newId();
    const stage = newBaseStage(t.ctx.app.db, importId);
    new BaseRowApplier(new BaseWriter(stage, 'UIO-INAQUITO-01', nowIso(), importId)).apply(rows(1)[0]!, 2);
    const crash = applyBaseStage(t.ctx.app.db, stage, null, {
      between: () => {
        throw new Error('power cut');
      },
    });
    await expect(crash).rejects.toThrow('power cut');
    const file = stage.path;
    expect(existsSync(file)).toBe(true);
    await closeServices(t.ctx.app);
    const { rmSync } = await import('node:fs');
    rmSync(file);
    t.ctx.app = createServices({ dbPath: t.dbPath, dataDir: t.dir });
    expect(count('SELECT count(*) FROM staged_applies')).toBe(0);
    expect(count('SELECT count(*) FROM customers')).toBe(0);
  });

  it('removes the stage of an import killed while reading its file on the next open, and keeps a live process’s', async () => {
    const dir = stageDir(t.ctx.app.db);
    mkdirSync(dir, { recursive: true });
    // A process id that was running a moment ago and is gone: what a kill leaves in the name.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const killed = `base-${newId()}-p${deadPid}.sqlite`;
    const live = `base-${newId()}-p${process.pid}.sqlite`;
    for (const name of [killed, `${killed}-journal`, live, 'otro.txt']) writeFileSync(join(dir, name), 'x');
    await closeServices(t.ctx.app);
    t.ctx.app = createServices({ dbPath: t.dbPath, dataDir: t.dir });
    expect(readdirSync(dir).sort()).toEqual([live, 'otro.txt']);
  });

  it('merges a service a clerk recorded outside the base while the file was being read', async () => {
    await loadBaseRows(t.ctx.app.db, [{ identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', equipmentType: 'MODEM', serial: 'HW-1' }], 'UIO-INAQUITO-01');
    // The file is read into the stage first: the service 7777 does not exist yet.
    const importId = newId();
    const stage = newBaseStage(t.ctx.app.db, importId);
    const applier = new BaseRowApplier(new BaseWriter(stage, 'UIO-INAQUITO-01', nowIso(), importId));
    applier.apply({ identification: '0912345675', name: 'VERA MACÍAS ROSA', serviceNumber: '7777', equipmentType: 'ONT', serial: 'ZTE-77' }, 2);
    applier.apply({ identification: '0912345675', name: 'VERA MACÍAS ROSA', serviceNumber: '7777', equipmentType: 'DECODIFICADOR', serial: 'DEC-77' }, 3);
    // Meanwhile, at the desk, the customer returns the ONT as a customer outside the base.
    t.ctx.session.user = clerk;
    const saved = await call(t.ctx, handoversSave, {
      outOfBase: { identification: '0912345675', name: 'Vera Macías Rosa', serviceNumber: '7777', businessLine: 'Internet' },
      deliveredBy: 'TITULAR',
      items: [{ type: 'ONT', serial: 'ZTE-77', condition: 'BUENO', accessories: [], note: 'No estaba en la base' }],
    });
    if (!saved.ok) throw new Error(saved.error.message);
    await applyBaseStage(t.ctx.app.db, stage, null);
    expect(count("SELECT count(*) FROM customers WHERE customer_key = '0912345675'")).toBe(1);
    expect(count("SELECT count(*) FROM services WHERE service_key = '7777'")).toBe(1);
    // The ONT already came back; the decoder the base lists is still owed.
    expect((await card('0912345675')).services[0]).toMatchObject({ serviceNumber: '7777', inBase: true, status: 'ENTREGA_PARCIAL' });
  });

  it('looks nothing up in an empty live base row by row, and still merges what a clerk records meanwhile', async () => {
    const db = t.ctx.app.db;
    // Counts the reads made on the live connection by statements prepared from here on.
    let liveReads = 0;
    const prepare = db.prepare.bind(db);
    const spy = vi.spyOn(db, 'prepare').mockImplementation((sql: string) => {
      const st = prepare(sql);
      const get = st.get.bind(st);
      st.get = (...args: unknown[]) => (liveReads++, get(...args));
      return st;
    });
    const stageOf = (importId: string) => newBaseStage(db, importId);
    const importId = newId();
    const stage = stageOf(importId);
    const applier = new BaseRowApplier(new BaseWriter(stage, 'UIO-INAQUITO-01', nowIso(), importId));
    // The desk records the customer and the ONT as outside the base before the reader gets to their rows.
    t.ctx.session.user = clerk;
    const saved = await call(t.ctx, handoversSave, {
      outOfBase: { identification: '0912345675', name: 'Vera Macías Rosa', serviceNumber: '7777', businessLine: 'Internet' },
      deliveredBy: 'TITULAR',
      items: [{ type: 'ONT', serial: 'ZTE-77', condition: 'BUENO', accessories: [], note: 'No estaba en la base' }],
    });
    if (!saved.ok) throw new Error(saved.error.message);
    liveReads = 0;
    rows(30).forEach((r, i) => applier.apply(r, i + 2));
    applier.apply({ identification: '0912345675', name: 'VERA MACÍAS ROSA', serviceNumber: '7777', equipmentType: 'ONT', serial: 'ZTE-77' }, 40);
    applier.apply({ identification: '0912345675', name: 'VERA MACÍAS ROSA', serviceNumber: '7777', equipmentType: 'DECODIFICADOR', serial: 'DEC-77' }, 41);
    expect(liveReads).toBe(0);
    await applyBaseStage(db, stage, null);
    expect(count("SELECT count(*) FROM customers WHERE customer_key = '0912345675'")).toBe(1);
    expect(count("SELECT count(*) FROM services WHERE service_key = '7777'")).toBe(1);
    expect((await card('0912345675')).services[0]).toMatchObject({ serviceNumber: '7777', inBase: true, status: 'ENTREGA_PARCIAL' });
    // A base with customers: each new key is looked up there.
    const again = newId();
    const next = new BaseRowApplier(new BaseWriter(stageOf(again), 'UIO-INAQUITO-01', nowIso(), again));
    liveReads = 0;
    next.apply({ identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', equipmentType: 'MODEM', serial: 'HW-1' }, 2);
    expect(liveReads).toBeGreaterThan(0);
    spy.mockRestore();
  });

  it('never makes a clerk’s save fail while a long import runs', async () => {
    await loadBaseRows(t.ctx.app.db, [{ identification: '1712345675', name: 'PÉREZ LÓPEZ JUAN', serviceNumber: '1001', equipmentType: 'MODEM', serial: 'HW-1' }], 'UIO-INAQUITO-01');
    const juan = await card('1712345675');
    const path = join(t.dir, 'grande.csv');
    const lines = ['IDENTIFICACION;APELLIDOS Y NOMBRES;NUMERO DE SERVICIO;TIPO DE EQUIPO;SERIE'];
    for (let i = 0; i < 40_000; i++) lines.push(`;CLIENTE ${i};${500000 + i};MODEM;S${i}`);
    writeFileSync(path, lines.join('\n'));
    const started = await call(t.ctx, importStart, { file: pick(t.ctx.session, path), mode: 'commit' });
    if (!started.ok) throw new Error(started.error.message);
    t.ctx.session.user = clerk;
    const numbers: string[] = [];
    let failures = 0;
    // Save and void actas at the desk for as long as the import runs.
    while (t.ctx.app.jobs.get(started.value.jobId)?.status !== 'done' && numbers.length < 400) {
      const r = await call(t.ctx, handoversSave, {
        customerId: juan.id,
        deliveredBy: 'TITULAR',
        items: [{ type: 'CONTROL REMOTO', condition: 'BUENO', accessories: [], note: `Entrega ${numbers.length + 1}`, serviceId: juan.services[0]!.id }],
      });
      if (r.ok) numbers.push(r.value.number);
      else failures++;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const end = await t.ctx.app.jobs.wait(started.value.jobId);
    expect(end.status).toBe('done');
    expect(failures).toBe(0);
    expect(numbers.length).toBeGreaterThan(5);
    expect(count('SELECT count(*) FROM services')).toBe(40_001);
    expect(count('SELECT count(*) FROM handovers')).toBe(numbers.length);
    // Gap-free numbering, whatever the import did meanwhile.
    expect(numbers.map((n) => Number(n.slice(-6)))).toEqual(numbers.map((_, i) => i + 1));
  });
});
