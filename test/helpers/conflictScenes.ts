import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conflictsList, conflictsResolve, type ConflictView, type ResolveConflictInput } from '../../shared/contracts/conflicts';
import { depurateJob } from '../../shared/contracts/jobKinds';
import type { ConflictKind } from '../../shared/contracts/sync';
import { syncDepurate } from '../../shared/contracts/sync';
import { closeServices, createServices } from '../../electron/app/services';
import { keyFilePath } from '../../electron/auth/keyFile';
import { copyAppDatabase } from './encryptedDb';
import { cargaRows } from '../../electron/db/depuration';
import { call } from '../../electron/handlers/call';
import type { TestApp } from './app';
import { clerk, posventa, runJob } from './offices';

/**
 * A copy of an office PC (its database and its key): the same station numbering its actas again,
 * which is how two actas come to share a number (ACTA_REUTILIZADA).
 */
export async function cloneOf(t: TestApp): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'recupera-copia-'));
  const dbPath = join(dir, 'recupera.sqlite');
  copyAppDatabase(t.dbPath, dbPath);
  copyFileSync(keyFilePath(t.dbPath), keyFilePath(dbPath));
  const app = createServices({ dbPath, dataDir: dir });
  return {
    dir,
    dbPath,
    ctx: { app, session: { user: clerk } },
    close: async () => {
      await closeServices(app);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The conflicts as Posventa lists them (open ones, or every one with `all`). */
export async function listed(p: TestApp, all = false): Promise<ConflictView[]> {
  const previous = p.ctx.session.user;
  p.ctx.session.user = posventa;
  try {
    const r = await call(p.ctx, conflictsList, { all });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.conflicts;
  } finally {
    p.ctx.session.user = previous;
  }
}

export async function openOf(p: TestApp, kind: ConflictKind): Promise<ConflictView> {
  const c = (await listed(p)).find((x) => x.kind === kind);
  if (!c) throw new Error(`no open ${kind}`);
  return c;
}

/** Resolves as Posventa; the call's result (ok or the refusal). */
export async function resolve(p: TestApp, input: ResolveConflictInput) {
  const previous = p.ctx.session.user;
  p.ctx.session.user = posventa;
  try {
    return await call(p.ctx, conflictsResolve, input);
  } finally {
    p.ctx.session.user = previous;
  }
}

/** The carga de valores' rows of a service number, as `TYPE SERIAL` texts (what billing would charge). */
export function chargedItems(p: TestApp, serviceNumber: string): string[] {
  const out: string[] = [];
  for (const row of cargaRows(p.ctx.app.db)) {
    if (row.includes(serviceNumber)) out.push(row.filter((v) => typeof v === 'string').join(' '));
  }
  return out;
}

/** The status counts a depuración records. */
export async function depurationCounts(p: TestApp) {
  return (await runJob(p, depurateJob, syncDepurate, {}, posventa)).counts;
}

/** A service's status at a station, by number. */
export function statusOf(t: TestApp, serviceNumber: string): string | undefined {
  return t.ctx.app.db.prepare('SELECT status FROM services WHERE service_number = ?').pluck().get(serviceNumber) as string | undefined;
}
