import type { JobHistoryEntry } from '../../shared/contracts/jobs';
import { recentJobs, saveJob } from '../db/jobs';
import type { Db, ReadDb } from '../db/open';
import { runWrite } from '../db/writeSession';
import type { JobRecorder } from '../jobs/jobRunner';

/**
 * Keeps the runner's jobs in the `jobs` table, on the app's connection (the desk's writer, so a job
 * applying a base steps aside for it), but not as a clerk's work: the job's own records do not
 * shorten its write sessions (see runWrite's `deskWork`). The process id goes with each row: recovery on start tells a
 * job whose process died from one still at work in another process.
 */
export function jobRecorder(db: Db): JobRecorder {
  return (r) =>
    runWrite(db, (tx) =>
      saveJob(tx, {
        id: r.id,
        kind: r.kind,
        status: r.status,
        userId: r.userId,
        subject: r.subject,
        stage: r.stage,
        message: r.message,
        pid: process.pid,
        queuedAt: r.queuedAt.toISOString(),
        startedAt: r.startedAt?.toISOString() ?? null,
        finishedAt: r.finishedAt?.toISOString() ?? null,
      }),
      { deskWork: false },
    );
}

/** The job history as the `jobs:history` contract gives it, newest first. */
export function jobHistory(db: ReadDb, limit: number): JobHistoryEntry[] {
  return recentJobs(db, limit).map((j) => ({
    id: j.id,
    kind: j.kind,
    status: j.status,
    subject: j.subject,
    stage: j.stage,
    message: j.message,
    userName: j.userName,
    queuedAt: j.queuedAt,
    startedAt: j.startedAt,
    finishedAt: j.finishedAt,
  }));
}
