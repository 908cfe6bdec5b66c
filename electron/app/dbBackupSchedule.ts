import { dbBackupJob } from '../../shared/contracts/jobKinds';
import { jobResult } from '../../shared/contracts/jobs';
import type { DbBackupResult } from '../../shared/contracts/dbBackups';
import { lastAutomaticBackup } from '../db/dbBackups';
import { getLocalStation } from '../db/stations';
import type { Db } from '../db/open';
import type { JobRunner } from '../jobs/jobRunner';
import { log } from '../platform/log';

/** What the schedule needs of the services (not the services themselves: they start it). */
export interface ScheduleDeps {
  db: Db;
  dbPath: string;
  dataDir: string;
  nativeBinding?: string;
  jobs: JobRunner;
  now?: () => Date;
}

export interface DbBackupSchedule {
  /** Takes the automatic copy if the last one is 24 hours old or more (or there is none); a check under way is joined. */
  check(): Promise<DbBackupResult | null>;
  /** Checks shortly after start and then every `intervalMs`, until stop. */
  start(o?: { firstDelayMs?: number; intervalMs?: number }): void;
  /** No further check starts; resolves when the one under way ends (its job is cancelled by the runner's shutdown). */
  stop(): Promise<void>;
}

const DAY_MS = 24 * 60 * 60_000;
const FIRST_DELAY_MS = 60_000;
const INTERVAL_MS = 60 * 60_000;

/**
 * The automatic daily copy. The clock is checked every hour rather than set for a time of day: a
 * counter PC is switched off at night and sleeps, so "24 hours since the last copy" is what can be
 * kept. The copy runs as a job on a worker thread (the desk never waits for it); retention runs
 * after each one. Before setup there is nothing to copy.
 */
export function dbBackupSchedule(deps: ScheduleDeps): DbBackupSchedule {
  let current: Promise<DbBackupResult | null> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const now = deps.now ?? (() => new Date());

  async function once(): Promise<DbBackupResult | null> {
    if (deps.dbPath === ':memory:' || !getLocalStation(deps.db)) return null;
    const last = lastAutomaticBackup(deps.db);
    if (last && now().getTime() - new Date(last.created_at).getTime() < DAY_MS) return null;
    const jobId = deps.jobs.start({
      dbPath: deps.dbPath,
      nativeBinding: deps.nativeBinding,
      userId: null,
      job: { kind: 'dbBackup', dataDir: deps.dataDir, mode: 'automatic', actor: null },
    });
    const r = jobResult(dbBackupJob, await deps.jobs.wait(jobId));
    if (!r.ok) {
      log.warn('dbBackup.automaticFailed', { message: r.error.message });
      return null;
    }
    log.info('dbBackup.automatic', { kind: r.value.kind, sizeBytes: r.value.sizeBytes, removed: r.value.removed });
    return r.value;
  }

  function check(): Promise<DbBackupResult | null> {
    if (stopped) return Promise.resolve(null);
    current ??= once()
      .catch((e: unknown) => {
        log.warn('dbBackup.automaticFailed', { err: e });
        return null;
      })
      .finally(() => {
        current = null;
      });
    return current;
  }

  return {
    check,
    start(o = {}) {
      if (timer || stopped) return;
      const tick = () => {
        void check();
      };
      timer = setTimeout(function first() {
        tick();
        timer = setInterval(tick, o.intervalMs ?? INTERVAL_MS);
        timer.unref();
      }, o.firstDelayMs ?? FIRST_DELAY_MS);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await current;
    },
  };
}
