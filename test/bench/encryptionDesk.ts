import { setupInit } from '../../shared/contracts/app';
import { searchQuery } from '../../shared/contracts/customers';
import { handoversSave } from '../../shared/contracts/handovers';
import { dbBackupSchedule } from '../../electron/app/dbBackupSchedule';
import { jobRecorder } from '../../electron/app/jobHistory';
import { recoverOnOpen } from '../../electron/app/recovery';
import type { AppServices, CallContext } from '../../electron/app/services';
import { sharedPickup } from '../../electron/app/sharedPickup';
import { stationKeyLoader } from '../../electron/app/stationKey';
import { PLAIN_KEYS } from '../../electron/auth/keyFile';
import type { Db } from '../../electron/db/open';
import { giveWritePriority } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import { JobRunner } from '../../electron/jobs/jobRunner';
import { chromiumPdfRenderer } from '../../electron/pdf/chromiumPdf';
import { APP_VERSION } from '../../electron/platform/version';
import { percentile } from './measure';

/**
 * What the desk does, measured the same way on any connection: the encryption bench's sides
 * (encryptionChild.ts) and its comparison of ciphers (cipherChild.ts) differ only in how the
 * database was opened.
 */

/** The ciphers cipherChild.ts compares (described there); `sqlcipher` is the app's. */
export const CIPHERS = ['ninguno', 'sqlcipher', 'sqlcipher-sha256', 'chacha20', 'aegis'] as const;
export type Cipher = (typeof CIPHERS)[number];

export interface Latency {
  p50: number;
  p99: number;
  n: number;
}

/**
 * Services assembled as createServices assembles them, around a connection opened by the caller
 * (createServices always opens it with the data key, so a plain or differently keyed side needs this).
 */
export function benchServices(o: { db: Db; dbPath: string; dataDir: string; dataKey: Buffer }): AppServices {
  const { db, dbPath, dataDir, dataKey } = o;
  recoverOnOpen(db);
  const jobs = new JobRunner({ record: jobRecorder(db), dataKey });
  giveWritePriority(db, jobs.desk);
  return {
    db,
    dbPath,
    dataDir,
    jobs,
    pdf: chromiumPdfRenderer(),
    version: APP_VERSION,
    recovery: Promise.resolve({ temporaries: 0, archived: [], failed: [] }),
    keyProtector: PLAIN_KEYS,
    dataKey,
    stationKey: stationKeyLoader({ db, dbPath, protector: PLAIN_KEYS }),
    sharedPickup: sharedPickup({ db, dbPath, dataDir, jobs }),
    dbBackups: dbBackupSchedule({ db, dbPath, dataDir, jobs }),
    options: { dbPath, dataDir, backgroundRecovery: false },
  };
}

export const admin = (app: AppServices): CallContext => ({ app, session: { user: { id: 'bench', username: 'bench', fullName: 'Benchmark', role: 'ADMIN' } } });
const clerk = (app: AppServices): CallContext => ({ app, session: { user: { id: 'bench-desk', username: 'desk', fullName: 'Asesor de prueba', role: 'ASESOR' } } });

export async function setUpCentral(app: AppServices): Promise<void> {
  const r = await call(admin(app), setupInit, { stationCode: 'BENCH-01', office: 'Benchmark', central: true });
  if (!r.ok) throw new Error(r.error.message);
}

const latency = (ms: number[]): Latency => {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
};

/** How many queries or saves are timed; the first WARM of each run prepare the statements and are not. */
const COUNT = 600;
const WARM = 20;

/**
 * Customers are picked evenly spaced through the workbook's order (`residue` picks one of each
 * stride), never at random: every side and every cipher asks for the same people, and another
 * residue picks others.
 */
function stride(app: AppServices): number {
  const customers = (app.db.prepare('SELECT count(*) FROM customers').pluck().get() as number) || 1;
  return Math.max(1, Math.floor(customers / (COUNT + WARM)));
}

/** Lookups by cédula and by name through the desk's search handler. */
export async function deskLookups(app: AppServices, residue = 0): Promise<{ byId: Latency & { found: number }; byName: Latency & { found: number } }> {
  const every = stride(app);
  const limit = COUNT + WARM;
  const ids = app.db
    .prepare('SELECT identification FROM customers WHERE identification IS NOT NULL AND (rowid + ?) % ? = 0 ORDER BY rowid LIMIT ?')
    .pluck()
    .all(residue, every, limit) as string[];
  const names = (
    app.db.prepare('SELECT name FROM customers WHERE name IS NOT NULL AND (rowid + ?) % ? = 0 ORDER BY rowid LIMIT ?').pluck().all(residue + 1, every, limit) as string[]
  ).map((n, i) => {
    const w = n.split(' ');
    // What clerks type: a surname, surname + first name, a partial first name (as section (c)).
    return i % 3 === 0 ? w[0]! : i % 3 === 1 ? `${w[0]} ${w[w.length - 2] ?? ''}` : `${w[0]} ${(w[1] ?? '').slice(0, 3)}`;
  });
  const ctx = clerk(app);
  const run = async (queries: string[]) => {
    const ms: number[] = [];
    let found = 0;
    for (const [i, text] of queries.entries()) {
      const t0 = performance.now();
      const r = await call(ctx, searchQuery, { text, limit: 20 });
      const t = performance.now() - t0;
      if (!r.ok) throw new Error(r.error.message);
      if (i < WARM) continue;
      ms.push(t);
      if (r.value.results.length > 0) found++;
    }
    return { ...latency(ms), found };
  };
  return { byId: await run(ids), byName: await run(names) };
}

/** Actas saved through the handler table, one item each, for customers no other pass picked (no PDF: section (d) times it). */
export async function deskSaves(app: AppServices, residue = 2): Promise<Latency> {
  const every = stride(app);
  const picks = app.db
    .prepare(
      `SELECT c.id AS customerId, i.id AS itemId, i.equipment_type AS type, i.serial FROM customers c
       JOIN services s ON s.customer_id = c.id JOIN expected_items i ON i.service_id = s.id
       WHERE (c.rowid + ?) % ? = 0 GROUP BY c.id ORDER BY c.rowid LIMIT ?`,
    )
    .all(residue, every, COUNT + WARM) as Array<{ customerId: string; itemId: string; type: string | null; serial: string | null }>;
  const ctx = clerk(app);
  const ms: number[] = [];
  for (const [i, p] of picks.entries()) {
    const t0 = performance.now();
    const r = await call(ctx, handoversSave, {
      customerId: p.customerId,
      deliveredBy: 'TITULAR',
      items: [{ expectedItemId: p.itemId, type: p.type ?? 'EQUIPO', serial: p.serial ?? undefined, condition: 'BUENO', accessories: [] }],
    });
    const t = performance.now() - t0;
    if (!r.ok) throw new Error(r.error.message);
    if (i >= WARM) ms.push(t);
  }
  return latency(ms);
}
