// The history of long jobs (imports, packages, consolidations, depuraciones): who started each,
// when, how it ended and why, in words a coordinator can act on. A job left `running` by a process
// that died is marked `interrupted` on the next start, with what to do. `pid` is the process that
// ran it, so a start does not take another live process's job for a dead one.
export const migration = {
  version: 7,
  name: 'job history',
  sql: `CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
  user_id TEXT,
  -- What it worked on, in words (a file name, a number of packages); never personal data.
  subject TEXT,
  -- The last stage it reported ("Aplicando la base"), kept to say where it stopped.
  stage TEXT,
  -- The summary of a finished job, or why it failed or stopped and what to do, in Spanish.
  message TEXT,
  pid INTEGER,
  queued_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT
) STRICT;
CREATE INDEX jobs_recent ON jobs(queued_at);
CREATE INDEX jobs_open ON jobs(status) WHERE status IN ('queued', 'running');`,
};
