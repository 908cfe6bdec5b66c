import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

export type JobRowStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted';

/** A job as the history keeps it; instants are ISO strings. */
export interface JobRow {
  id: string;
  kind: string;
  status: JobRowStatus;
  userId: string | null;
  subject: string | null;
  stage: string | null;
  message: string | null;
  pid: number | null;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Writes the job as it now stands: the first report inserts it, later ones update it. */
export function saveJob(tx: Tx, j: JobRow): void {
  stmt(
    tx,
    `INSERT INTO jobs (id, kind, status, user_id, subject, stage, message, pid, queued_at, started_at, finished_at)
     VALUES (@id, @kind, @status, @userId, @subject, @stage, @message, @pid, @queuedAt, @startedAt, @finishedAt)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, stage = excluded.stage, message = excluded.message,
       started_at = excluded.started_at, finished_at = excluded.finished_at`,
  ).run(j);
}

const COLUMNS = `id, kind, status, user_id AS userId, subject, stage, message, pid, queued_at AS queuedAt,
  started_at AS startedAt, finished_at AS finishedAt`;

/** Jobs some process left `queued` or `running`: either still at work or dead mid-way. */
export function openJobs(db: ReadDb): JobRow[] {
  return stmt(db, `SELECT ${COLUMNS} FROM jobs WHERE status IN ('queued', 'running') ORDER BY queued_at, id`).all() as JobRow[];
}

/** The newest job of this kind about this subject (a base import of one file), if any. */
export function latestJobAbout(db: ReadDb, kind: string, subject: string): JobRow | null {
  return (stmt(db, `SELECT ${COLUMNS} FROM jobs WHERE kind = ? AND subject = ? ORDER BY queued_at DESC, id DESC LIMIT 1`).get(kind, subject) as JobRow | undefined) ?? null;
}

/** Ends a job that will never report again (its process died or was closed), saying what to do. */
export function interruptJob(tx: Tx, id: string, message: string, at: string): void {
  stmt(tx, `UPDATE jobs SET status = 'interrupted', message = ?, finished_at = ? WHERE id = ?`).run(message, at, id);
}

export interface JobHistoryRow extends JobRow {
  userName: string | null;
}

/** The most recent jobs, newest first, with the name of who started each. */
export function recentJobs(db: ReadDb, limit: number): JobHistoryRow[] {
  return stmt(
    db,
    `SELECT j.id, j.kind, j.status, j.user_id AS userId, j.subject, j.stage, j.message, j.pid, j.queued_at AS queuedAt,
       j.started_at AS startedAt, j.finished_at AS finishedAt, u.full_name AS userName
     FROM jobs j LEFT JOIN users u ON u.id = j.user_id
     ORDER BY j.queued_at DESC, j.id DESC LIMIT ?`,
  ).all(limit) as JobHistoryRow[];
}
