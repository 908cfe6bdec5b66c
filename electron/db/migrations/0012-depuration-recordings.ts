/**
 * A depuración batch is recorded in short write sessions (its lines, hundreds of thousands at a
 * million rows, took one session of six seconds, longer than a clerk's save waits for the lock).
 * While a batch is being recorded it has a row here, with the process recording it: it is not
 * listed and cannot be sent. The last session removes the row; a batch whose recording process
 * died is removed with its lines on the next open.
 */
export const migration = {
  version: 12,
  name: 'depuration-recordings',
  sql: `CREATE TABLE depuration_recordings (
  batch_id TEXT PRIMARY KEY REFERENCES depuration_batches(id),
  pid INTEGER NOT NULL,
  started_at TEXT NOT NULL
) STRICT;
`,
};
