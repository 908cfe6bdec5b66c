import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { applyUpdateJob } from '../../shared/contracts/jobKinds';
import { jobResult } from '../../shared/contracts/jobs';
import type { SharedFolderNotice } from '../../shared/contracts/sharedFolder';
import { nowIso } from '../db/ids';
import { lastNationalUpdate } from '../db/nationalUpdates';
import type { Db } from '../db/open';
import { sharedFolderOf } from '../db/sharedFolder';
import { TEMP_PREFIX } from '../files/atomicFile';
import type { StationKey } from '../auth/keyFile';
import type { JobRunner } from '../jobs/jobRunner';
import { log } from '../platform/log';
import { requireOfficeWithCentral } from '../sync/updateApply';
import { UPDATE_EXTENSION } from '../sync/updateFormat';
import { answered, SHARE_UPDATES } from './sharedFolder';
import { openingKeys } from './stationKey';

/** What the pickup needs of the services (not the services themselves: they start it). */
export interface PickupDeps {
  db: Db;
  dbPath: string;
  dataDir: string;
  nativeBinding?: string;
  jobs: JobRunner;
  /** The station's keys: updates arrive encrypted to this office and the job opens them with its key. */
  stationKey?: () => Promise<StationKey>;
}

export interface PickupReport {
  /** False without a shared folder: nothing was looked at. */
  configured: boolean;
  /** Updates applied by this poll, in the order they were applied. */
  applied: number[];
  refused: Array<{ file: string; reason: string }>;
}

export interface SharedPickup {
  /** One look at `<carpeta>/actualizaciones/` now; a poll already under way is joined, never doubled. */
  poll(): Promise<PickupReport>;
  /** Polls shortly after start and then every `intervalMs`, until stop. */
  start(o?: { firstDelayMs?: number; intervalMs?: number }): void;
  /** Notices not yet shown (an update applied or refused); taking them empties the list. */
  takeNotices(): SharedFolderNotice[];
  /** No further poll starts; resolves when the one under way ends (its job is cancelled by the runner's shutdown). */
  stop(): Promise<void>;
}

const FIRST_DELAY_MS = 5_000;
const INTERVAL_MS = 5 * 60_000;
const MAX_NOTICES = 20;

/** `NACIONAL_0007_…`: the number the central gave it, for the order; other names go last. */
function seqOf(name: string): number | null {
  const m = name.match(/^NACIONAL_(\d+)_/i);
  return m ? Number(m[1]) : null;
}

/**
 * An office picks up Posventa's national updates from the shared folder: every update newer than
 * the last applied, in the central's order, each applied as the `actualizar` job does (verified
 * whole, one write session, behind any job that writes). A refused file is logged and noticed
 * once and not tried again until it changes (a copy still arriving) or another update is applied
 * (an incremental that was waiting for it); a file applied, or older than what is applied, is not
 * read again. At the central, before any central is trusted, or without a folder, it does nothing.
 */
export function sharedPickup(deps: PickupDeps): SharedPickup {
  /** Files by name, size and time: done (applied, or already there) and refused. */
  const done = new Set<string>();
  const refused = new Set<string>();
  let notices: SharedFolderNotice[] = [];
  let current: Promise<PickupReport> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  function notice(tone: SharedFolderNotice['tone'], text: string): void {
    notices = [...notices, { at: nowIso(), tone, text }].slice(-MAX_NOTICES);
  }

  async function candidates(folder: string) {
    const names = await answered(folder, readdir(folder));
    const files: Array<{ name: string; path: string; key: string; seq: number | null }> = [];
    for (const name of names) {
      if (!name.toLowerCase().endsWith(UPDATE_EXTENSION) || name.startsWith(TEMP_PREFIX)) continue;
      const path = join(folder, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      files.push({ name, path, key: `${name}|${info.size}|${info.mtimeMs}`, seq: seqOf(name) });
    }
    return files.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.name.localeCompare(b.name));
  }

  async function once(): Promise<PickupReport> {
    const report: PickupReport = { configured: false, applied: [], refused: [] };
    const root = sharedFolderOf(deps.db);
    if (!root || deps.dbPath === ':memory:') return report;
    report.configured = true;
    try {
      requireOfficeWithCentral(deps.db);
    } catch {
      return report;
    }
    const folder = join(root, SHARE_UPDATES);
    let files: Awaited<ReturnType<typeof candidates>>;
    try {
      files = await candidates(folder);
    } catch (e) {
      log.warn('sharedFolder.pickupUnreachable', { folder, err: e });
      return report;
    }
    const keys = deps.stationKey ? await openingKeys(deps.stationKey) : null;
    for (const f of files) {
      if (stopped) break;
      if (done.has(f.key) || refused.has(f.key)) continue;
      const last = lastNationalUpdate(deps.db, 'APLICADA')?.seq ?? 0;
      if (f.seq !== null && f.seq <= last) {
        done.add(f.key);
        continue;
      }
      const jobId = deps.jobs.start({
        dbPath: deps.dbPath,
        nativeBinding: deps.nativeBinding,
        userId: null,
        ...(keys ? { signingKey: keys } : {}),
        job: { kind: 'applyUpdate', dataDir: deps.dataDir, path: f.path, name: f.name, userId: null },
      });
      const state = await deps.jobs.wait(jobId);
      // Closing: the file is tried again on the next start.
      if (state.status === 'cancelled' || stopped) break;
      const r = jobResult(applyUpdateJob, state);
      if (r.ok) {
        done.add(f.key);
        if (r.value.alreadyApplied) continue;
        report.applied.push(r.value.seq);
        // An incremental refused for lack of this one may apply now: each refused file gets one more try.
        refused.clear();
        log.info('sharedFolder.updateApplied', { file: f.name, seq: r.value.seq });
        notice('ok', `Se aplicó la actualización nacional N.º ${r.value.seq} que Posventa dejó en la carpeta compartida (${f.name}).${r.value.notice ? ` ${r.value.notice}` : ''}`);
      } else {
        refused.add(f.key);
        report.refused.push({ file: f.name, reason: r.error.message });
        log.warn('sharedFolder.updateRefused', { file: f.name, reason: r.error.message });
        notice('error', `La actualización ${f.name} de la carpeta compartida no se aplicó: ${r.error.message}`);
      }
    }
    return report;
  }

  function poll(): Promise<PickupReport> {
    if (current) return current;
    current = once()
      .catch((e: unknown) => {
        log.warn('sharedFolder.pickupFailed', { err: e });
        return { configured: true, applied: [], refused: [] };
      })
      .finally(() => {
        current = null;
      });
    return current;
  }

  function schedule(ms: number, every: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void poll().finally(() => schedule(every, every));
    }, ms);
    // The pickup never keeps a process alive on its own.
    timer.unref();
  }

  return {
    poll,
    start(o = {}) {
      if (timer) return;
      schedule(o.firstDelayMs ?? FIRST_DELAY_MS, o.intervalMs ?? INTERVAL_MS);
    },
    takeNotices() {
      const taken = notices;
      notices = [];
      return taken;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
