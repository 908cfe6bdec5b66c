// A long job reads and checks its file into a private stage, then applies it to the live tables
// in short write sessions so the desk is never locked out. While it applies, this row says how
// far it got: a crash in the middle is finished on the next start from the stage file.
export const migration = {
  version: 6,
  name: 'staged applies',
  sql: `CREATE TABLE staged_applies (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('BASE')),
  stage_path TEXT NOT NULL,
  phase TEXT NOT NULL CHECK (phase IN ('customers', 'services', 'items', 'finish')),
  next_num INTEGER NOT NULL,
  -- What the job records once applied (the imports row), as JSON.
  record TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;`,
};
