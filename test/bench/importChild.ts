import { setupInit } from '../../shared/contracts/app';
import { importStart } from '../../shared/contracts/importBase';
import { importBaseJob } from '../../shared/contracts/jobKinds';
import { jobResult } from '../../shared/contracts/jobs';
import { createServices, closeServices } from '../../electron/app/services';
import { call } from '../../electron/handlers/call';
import { dirname } from 'node:path';
import { pick } from '../helpers/files';

/**
 * The real import path (handler → job runner → worker thread → SQLite), in a process of its own,
 * into a new database: Posventa's central (which consolidates and publishes), or with `oficina`
 * an office that imports the same base itself.
 */
const [file, dbPath, role] = process.argv.slice(2) as [string, string, string | undefined];
// Measured: the start-up recovery (archiving PDFs of the bench's unprinted actas) must not run inside the timing.
const open = () => createServices({ dbPath, dataDir: dirname(dbPath), backgroundRecovery: false });
const user = { id: 'bench', username: 'bench', fullName: 'Benchmark', role: 'ADMIN' as const };
const setupApp = open();
const setup = await call(
  { app: setupApp, session: { user } },
  setupInit,
  role === 'oficina' ? { stationCode: 'OFI-BASE', office: 'Oficina con base' } : { stationCode: 'BENCH-01', office: 'Benchmark', central: true },
);
if (!setup.ok) throw new Error(setup.error.message);
await closeServices(setupApp);
// The station is configured on an earlier day: the import starts in a fresh app with nobody saving
// at the desk (section (g) measures it with a clerk saving). Setting up is a write at the desk, and
// the apply would keep its sessions short for the two minutes after it.
const app = open();
const ctx = { app, session: { user } };
const t0 = performance.now();
const r = await call(ctx, importStart, { file: pick(ctx.session, file), mode: 'commit' });
if (!r.ok) throw new Error(r.error.message);
const state = await app.jobs.wait(r.value.jobId);
const seconds = (performance.now() - t0) / 1000;
await closeServices(app);
const summary = jobResult(importBaseJob, state);
if (!summary.ok) throw new Error(summary.error.message);
const s = summary.value;
process.stdout.write(JSON.stringify({ seconds, rows: s.rows, inserted: s.inserted, rejected: s.rejected }));
