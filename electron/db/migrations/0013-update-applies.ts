/**
 * A national update is written in short write sessions, like a base import, so the desk is never
 * locked out for the minutes a million-row update takes. While it is being written this row says
 * how far it got, what changed so far and what its last session records; a crash in the middle is
 * finished on the next start from the update's data file, kept next to the database until then.
 */
export const migration = {
  version: 13,
  name: 'update-applies',
  sql: `CREATE TABLE update_applies (
  id TEXT PRIMARY KEY,
  data_path TEXT NOT NULL,
  pid INTEGER NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('customers', 'services', 'expected_items', 'handovers', 'finish')),
  -- The last row of the update's table for this phase already written (its rowid).
  after_rowid INTEGER NOT NULL,
  -- The national_updates row and the audit entry the last session writes, as JSON.
  record TEXT NOT NULL,
  -- What the sessions so far changed (UpdateChanges), as JSON.
  changes TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
`,
};
