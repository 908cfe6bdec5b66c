import type { Db, ReadDb } from './open';

/**
 * Runs `fn` inside one read transaction (`BEGIN DEFERRED` … `COMMIT`), so long reads — the three
 * depuración files — describe one moment while clerks keep saving (WAL lets them). It never
 * writes: the connection stays query-only, and whatever the reads produced is recorded afterwards
 * in a short `runWrite`. A read transaction is never upgraded to a write one: after minutes of
 * reading, a clerk's save in between would make that upgrade fail with SQLITE_BUSY_SNAPSHOT.
 *
 * `fn` may await (files are written as rows are read), so the connection must be this task's own
 * (a job's worker connection): no other write session can open on it until the snapshot ends.
 */
export async function readSnapshot<T>(db: Db, fn: (db: ReadDb) => T | Promise<T>): Promise<T> {
  if (db.inTransaction) throw new Error('readSnapshot cannot open inside another transaction.');
  db.exec('BEGIN DEFERRED');
  try {
    return await fn(db);
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }
}
