import { purgeExpiredDocuments } from '../backups/retention';
import type { Db } from '../db/open';
import { log } from '../platform/log';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The retention purge of respaldo documents runs at start (recovery.ts) and, in a process that
 * stays open for days (the desk app, the browser mode), once a day after that.
 */
export function dailyRetention(target: { db: Db; dataDir: string }): { stop(): void } {
  const timer = setInterval(() => {
    purgeExpiredDocuments(target).then(
      (r) => {
        if (r.documents > 0) log.info('retention.documentsPurged', { documents: r.documents, records: r.records });
      },
      (e: unknown) => log.error('retention.purgeFailed', { err: e }),
    );
  }, DAY_MS);
  // Never what keeps a process alive.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
