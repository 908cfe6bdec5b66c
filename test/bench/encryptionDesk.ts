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
 * The desk's work for the encryption bench (section (i)): services around a connection opened any
 * way, and lookups and saves timed through the handlers, one call on each database in turn, so
 * whatever else the machine does at that instant falls on every database alike.
 */

/** The ciphers cipherChild.ts compares (described there); `aegis` is the app's (APP_CIPHER). */
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

export function latency(ms: number[]): Latency {
  const s = [...ms].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), n: s.length };
}

/** How many queries or saves are timed; the first WARM of each list prepare the statements and are not. */
const COUNT = 600;
const WARM = 20;

/**
 * Customers evenly spaced through the workbook's order, never random: every database (copies of
 * one base) is asked for the same people.
 */
function stride(app: AppServices): number {
  const customers = (app.db.prepare('SELECT count(*) FROM customers').pluck().get() as number) || 1;
  return Math.max(1, Math.floor(customers / (COUNT + WARM)));
}

/** What the clerks type: cédulas, and names as section (c) mixes them (a surname, surname + first name, a partial first name). */
export function lookupQueries(app: AppServices): { ids: string[]; names: string[] } {
  const every = stride(app);
  const limit = COUNT + WARM;
  const ids = app.db
    .prepare('SELECT identification FROM customers WHERE identification IS NOT NULL AND rowid % ? = 0 ORDER BY rowid LIMIT ?')
    .pluck()
    .all(every, limit) as string[];
  const names = (app.db.prepare('SELECT name FROM customers WHERE name IS NOT NULL AND (rowid + 1) % ? = 0 ORDER BY rowid LIMIT ?').pluck().all(every, limit) as string[]).map(
    (n, i) => {
      const w = n.split(' ');
      return i % 3 === 0 ? w[0]! : i % 3 === 1 ? `${w[0]} ${w[w.length - 2] ?? ''}` : `${w[0]} ${(w[1] ?? '').slice(0, 3)}`;
    },
  );
  return { ids, names };
}

export interface SavePick {
  customerId: string;
  itemId: string;
  type: string | null;
  serial: string | null;
}

/** One item of each of other customers than the lookups ask for, to save an acta each. */
export function savePicks(app: AppServices): SavePick[] {
  return app.db
    .prepare(
      `SELECT c.id AS customerId, i.id AS itemId, i.equipment_type AS type, i.serial FROM customers c
       JOIN services s ON s.customer_id = c.id JOIN expected_items i ON i.service_id = s.id
       WHERE (c.rowid + 2) % ? = 0 GROUP BY c.id ORDER BY c.rowid LIMIT ?`,
    )
    .all(stride(app), COUNT + WARM) as SavePick[];
}

/** Runs `op(app, item)` for every item on every app in turn (the first app moves each time), timing each call. */
async function inTurn<T>(apps: AppServices[], items: T[], op: (app: AppServices, item: T) => Promise<void>): Promise<Latency[]> {
  const ms: number[][] = apps.map(() => []);
  for (const [i, item] of items.entries()) {
    for (let k = 0; k < apps.length; k++) {
      const a = (i + k) % apps.length;
      const t0 = performance.now();
      await op(apps[a]!, item);
      if (i >= WARM) ms[a]!.push(performance.now() - t0);
    }
  }
  return ms.map(latency);
}

/** Lookups by cédula and by name through the desk's search handler, on every app in turn. */
export async function deskLookups(apps: AppServices[], q: { ids: string[]; names: string[] }): Promise<Array<{ byId: Latency; byName: Latency }>> {
  const search = async (app: AppServices, text: string) => {
    const r = await call(clerk(app), searchQuery, { text, limit: 20 });
    if (!r.ok) throw new Error(r.error.message);
    if (r.value.results.length === 0) throw new Error(`nothing found for ${text}`);
  };
  const byId = await inTurn(apps, q.ids, search);
  const byName = await inTurn(apps, q.names, search);
  return apps.map((_, i) => ({ byId: byId[i]!, byName: byName[i]! }));
}

/** Actas saved through the handler table, one item each, on every app in turn (no PDF: section (d) times it). */
export function deskSaves(apps: AppServices[], picks: SavePick[]): Promise<Latency[]> {
  return inTurn(apps, picks, async (app, p) => {
    const r = await call(clerk(app), handoversSave, {
      customerId: p.customerId,
      deliveredBy: 'TITULAR',
      items: [{ expectedItemId: p.itemId, type: p.type ?? 'EQUIPO', serial: p.serial ?? undefined, condition: 'BUENO', accessories: [] }],
    });
    if (!r.ok) throw new Error(r.error.message);
  });
}
