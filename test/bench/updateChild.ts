import { dirname } from 'node:path';
import { setupInit } from '../../shared/contracts/app';
import { applyUpdateJob, publishUpdateJob } from '../../shared/contracts/jobKinds';
import { jobResult } from '../../shared/contracts/jobs';
import { updatesApply, updatesPublish } from '../../shared/contracts/updates';
import { closeServices, createServices } from '../../electron/app/services';
import { openTestDatabase } from '../helpers/encryptedDb';
import { getLocalStation, getLocalStationKey, recordKeyEvent, upsertTrustedStation } from '../../electron/db/stations';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import { pick } from '../helpers/files';

/**
 * National updates through the real path (handler → job runner → worker), in a process of its own:
 * `publicar DB [DESDE]` at the central, `actualizar DB FILE` at an office, and (not timed)
 * `confiar DB CENTRAL_DB` which makes DB an office, if it is no station yet, that trusts the
 * central of CENTRAL_DB, as a person does from Posventa's identity file, and is enrolled there
 * with its encryption key (national updates are encrypted to the enrolled offices).
 */
const [command, dbPath, arg] = process.argv.slice(2) as [string, string, string | undefined];
// Measured: the start-up recovery must not run inside the timing.
const app = createServices({ dbPath, dataDir: dirname(dbPath), backgroundRecovery: false });
const ctx = { app, session: { user: { id: 'bench', username: 'bench', fullName: 'Benchmark', role: 'ADMIN' as const } } };
try {
  if (command === 'confiar') {
    if (!getLocalStation(app.db)) {
      const r = await call(ctx, setupInit, { stationCode: 'OFI-NUEVA', office: 'Oficina nueva' });
      if (!r.ok) throw new Error(r.error.message);
    }
    const central = openTestDatabase(arg!, { skipMigrations: true });
    try {
      const c = getLocalStationKey(central)!;
      runWrite(app.db, (tx) => {
        upsertTrustedStation(tx, { id: c.id, code: c.code, office: c.office, regional: c.regional, city: c.city, role: 'CENTRAL', publicKey: c.public_key!, fingerprint: c.fingerprint! });
        recordKeyEvent(tx, { stationId: c.id, stationCode: c.code, event: 'CENTRAL_CONFIADA', publicKey: c.public_key!, fingerprint: c.fingerprint!, reason: 'Benchmark' });
      });
      // And the central enrols this office with its encryption key, as from its identity file: updates are encrypted to it.
      const key = await app.stationKey();
      const o = getLocalStationKey(app.db)!;
      runWrite(central, (tx) => {
        upsertTrustedStation(tx, { id: o.id, code: o.code, office: o.office, regional: o.regional, city: o.city, role: 'OFICINA', publicKey: key.publicKey, fingerprint: key.fingerprint, encryptionKey: key.encryption?.publicKey ?? null });
        recordKeyEvent(tx, { stationId: o.id, stationCode: o.code, event: 'REGISTRADA', publicKey: key.publicKey, fingerprint: key.fingerprint, reason: 'Benchmark' });
      });
    } finally {
      central.close();
    }
  } else {
    const t0 = performance.now();
    const result =
      command === 'publicar'
        ? await call(ctx, updatesPublish, arg ? { sinceSeq: Number(arg) } : {}).then(async (r) => {
            if (!r.ok) throw new Error(r.error.message);
            return jobResult(publishUpdateJob, await app.jobs.wait(r.value.jobId));
          })
        : await call(ctx, updatesApply, { file: pick(ctx.session, arg!) }).then(async (r) => {
            if (!r.ok) throw new Error(r.error.message);
            return jobResult(applyUpdateJob, await app.jobs.wait(r.value.jobId));
          });
    const seconds = (performance.now() - t0) / 1000;
    if (!result.ok) throw new Error(result.error.message);
    process.stdout.write(JSON.stringify({ seconds, result: result.value }));
  }
} finally {
  await closeServices(app);
}
