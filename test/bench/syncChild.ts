import { dirname } from 'node:path';
import { syncConsolidate, syncDepurate } from '../../shared/contracts/sync';
import { closeServices, createServices } from '../../electron/app/services';
import { atomicCost, resetAtomicCost } from '../../electron/files/atomicFile';
import { call } from '../../electron/handlers/call';
import { pick } from '../helpers/files';

/** `consolidar PAQUETE...` or `depurar` through the real path (handler → job runner → worker), in a process of its own. */
const [command, dbPath, ...rest] = process.argv.slice(2) as [string, string, ...string[]];
// Measured: the start-up recovery (archiving PDFs of the bench's unprinted actas) must not run inside the timing.
const app = createServices({ dbPath, dataDir: dirname(dbPath), backgroundRecovery: false });
const ctx = { app, session: { user: { id: 'bench', username: 'bench', fullName: 'Benchmark', role: 'POSVENTA' as const } } };
// Before the job's worker starts, so the worker shares the counter of time spent making files durable.
resetAtomicCost();
const t0 = performance.now();
const r =
  command === 'consolidar'
    ? await call(ctx, syncConsolidate, { packages: rest.map((path) => pick(ctx.session, path)) })
    : await call(ctx, syncDepurate, {});
if (!r.ok) throw new Error(r.error.message);
const state = await app.jobs.wait(r.value.jobId);
const seconds = (performance.now() - t0) / 1000;
await closeServices(app);
if (state.status !== 'done') throw new Error(state.error?.message ?? state.status);
process.stdout.write(JSON.stringify({ seconds, atomic: atomicCost(), result: state.result }));
