import { dirname } from 'node:path';
import { handoversSave } from '../../shared/contracts/handovers';
import { importStart } from '../../shared/contracts/importBase';
import { syncConsolidate } from '../../shared/contracts/sync';
import { updatesApply } from '../../shared/contracts/updates';
import { closeServices, createServices } from '../../electron/app/services';
import { call } from '../../electron/handlers/call';
import { percentile } from './measure';
import { pick } from '../helpers/files';
import { cedula } from '../helpers/hostile/csv';

/**
 * A clerk at the desk while a long job runs in the same app: `import FILE DB` re-imports a base,
 * `consolidar DB PAQUETE...` consolidates packages, `actualizar DB FILE` applies a national
 * update; meanwhile actas are saved one after another (a pause of 20 ms between them, as a fast
 * clerk with a scanner), each timed from call to answer.
 */
const [command, ...args] = process.argv.slice(2) as [string, ...string[]];
const dbPath = command === 'import' ? args[1]! : args[0]!;
// Measured: the start-up recovery (archiving PDFs of the bench's unprinted actas) must not run inside the timing.
const app = createServices({ dbPath, dataDir: dirname(dbPath), backgroundRecovery: false });
const clerk = { app, session: { user: { id: 'bench-desk', username: 'desk', fullName: 'Asesor de prueba', role: 'ASESOR' as const } } };
const boss = { app, session: { user: { id: 'bench', username: 'bench', fullName: 'Benchmark', role: 'ADMIN' as const } } };

// Items not returned yet, picked before the job starts (the clerk already has the customer's card).
const picks = app.db
  .prepare(
    `SELECT s.customer_id AS customerId, i.id AS itemId, i.equipment_type AS type, i.serial FROM expected_items i
     JOIN services s ON s.id = i.service_id
     WHERE i.rowid IN (SELECT rowid FROM expected_items ORDER BY random() LIMIT 6000)
       AND NOT EXISTS (SELECT 1 FROM handover_items hi WHERE hi.expected_item_id = i.id)`,
  )
  .all() as Array<{ customerId: string; itemId: string; type: string | null; serial: string | null }>;

const started =
  command === 'import'
    ? await call(boss, importStart, { file: pick(boss.session, args[0]!), mode: 'commit' })
    : command === 'actualizar'
      ? await call(boss, updatesApply, { file: pick(boss.session, args[1]!) })
      : await call(boss, syncConsolidate, { packages: args.slice(1).map((path) => pick(boss.session, path)) });
if (!started.ok) throw new Error(started.error.message);
const jobId = started.value.jobId;
const t0 = performance.now();
const latencies: number[] = [];
const failures: string[] = [];
// With nothing left to return in the base (an office whose update brought every acta), the clerk
// records customers outside the base: a save all the same.
const saves = picks.length > 0 ? picks.length : 6000;
let next = 0;
while (app.jobs.get(jobId)?.status !== 'done' && app.jobs.get(jobId)?.status !== 'failed' && next < saves) {
  const n = next++;
  const p = picks[n];
  const s0 = performance.now();
  const r = await call(
    clerk,
    handoversSave,
    p
      ? {
          customerId: p.customerId,
          deliveredBy: 'TITULAR',
          items: [{ expectedItemId: p.itemId, type: p.type ?? 'EQUIPO', serial: p.serial ?? undefined, condition: 'BUENO', accessories: [] }],
        }
      : {
          outOfBase: { identification: cedula(n), name: `CLIENTE DE MOSTRADOR ${n}`, serviceNumber: `99${String(n).padStart(8, '0')}`, businessLine: 'Internet' },
          deliveredBy: 'TITULAR',
          items: [{ type: 'MODEM', serial: `MOS-${n}`, condition: 'BUENO', accessories: [], note: 'Cliente fuera de la base' }],
        },
  );
  latencies.push(performance.now() - s0);
  // An item picked twice, or returned by the job's own data, is a refusal of the clerk's input, not of the save.
  if (!r.ok && r.error.kind !== 'conflict') failures.push(r.error.message);
  if (!r.ok && r.error.kind === 'conflict' && /ocupada/.test(r.error.message)) failures.push(r.error.message);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const state = await app.jobs.wait(jobId);
const jobSeconds = (performance.now() - t0) / 1000;
await closeServices(app);
if (state.status !== 'done') throw new Error(state.error?.message ?? state.status);
latencies.sort((a, b) => a - b);
process.stdout.write(
  JSON.stringify({
    jobSeconds,
    saves: latencies.length,
    failures: failures.length,
    firstFailure: failures[0] ?? null,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
  }),
);
