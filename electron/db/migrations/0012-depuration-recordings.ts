/**
 * A depuración batch is recorded in short write sessions (its lines, hundreds of thousands at a
 * million rows, took one session of six seconds, longer than a clerk's save waits for the lock).
 * While a batch is being recorded it has a row here: it is not listed and cannot be sent. The
 * last session removes the row; a batch whose recording process died is removed with its lines on
 * the next open. `first_line` is the rowid its first line would get: its lines are found, and
 * removed, by rowid ranges from there, with no index on batch_id.
 */
export const migration = {
  version: 12,
  name: 'depuration-recordings',
  sql: `CREATE TABLE depuration_recordings (
  batch_id TEXT PRIMARY KEY REFERENCES depuration_batches(id),
  pid INTEGER NOT NULL,
  first_line INTEGER NOT NULL,
  started_at TEXT NOT NULL
) STRICT;
`,
};
