import { resolve } from 'node:path';
import { syncConsolidate, syncDepurate, syncExport, syncOverview } from '../../shared/contracts/sync';
import { AppFailure } from '../../shared/result';
import { depurationDir, packageDir, type AppServices } from '../app/services';
import { SHARE_PACKAGES, sharedDrop } from '../app/sharedFolder';
import { planDepuration } from '../depuration/depurationPlan';
import { planExport } from '../sync/exportPlan';
import { syncOverviewOf } from '../sync/overview';
import { actorOf } from '../app/audit';
import { resolveFileToken } from '../app/fileTokens';
import { handle } from './define';
import { namedDestination } from './destination';
import { requireStation } from './station';
import { getLocalStationKey } from '../db/stations';

function onDisk(app: AppServices): void {
  if (app.dbPath === ':memory:') throw new AppFailure('refused', 'Esta tarea necesita una base de datos en disco.');
}

export const syncHandlers = [
  handle(syncExport, 'export', async (input, { app, session }) => {
    const station = requireStation(app.db);
    if (getLocalStationKey(app.db)?.role === 'CENTRAL') {
      throw new AppFailure(
        'refused',
        'Esta es la estación central de Posventa: no envía paquetes, porque sería enviárselos a sí misma. Sus registros llegan a las oficinas con la actualización nacional.',
      );
    }
    onDisk(app);
    // Without a folder named, the package also goes to the folder shared with Posventa, where one is set and answers.
    const destination = namedDestination(session, input.destination) ?? (await sharedDrop(app.db, SHARE_PACKAGES));
    // The folders are checked now, so a bad destination is refused in seconds, not after the queue and the work.
    await planExport({ ...input, db: app.db, station: station.code, outDir: packageDir(app), destination, now: new Date() });
    // The package is signed in the job with the station's key, handed over in memory only.
    const key = await app.stationKey();
    const jobId = app.jobs.start({
      dbPath: app.dbPath,
      nativeBinding: app.nativeBinding,
      actor: actorOf(session),
      userId: session.user?.id ?? null,
      signingKey: { stationId: key.stationId, privateKey: key.privateKey },
      job: { kind: 'export', dataDir: app.dataDir, outDir: packageDir(app), destination, from: input.from, to: input.to, includeDocuments: input.includeDocuments },
    });
    return { jobId };
  }),
  handle(syncConsolidate, 'consolidate', async (input, { app, session }) => {
    requireStation(app.db);
    onDisk(app);
    const packages = input.packages.map((p) => ({ path: resolve(resolveFileToken(session, p.token).path), name: p.name }));
    // Packages arrive encrypted to this central: its X25519 key crosses to the job in memory only.
    // A key this process cannot open (sealed by the desktop app) still lets plain packages through.
    const key = await app.stationKey().catch((e: unknown) => {
      if (e instanceof AppFailure) return null;
      throw e;
    });
    const jobId = app.jobs.start({
      dbPath: app.dbPath,
      nativeBinding: app.nativeBinding,
      actor: actorOf(session),
      userId: session.user?.id ?? null,
      ...(key ? { signingKey: { stationId: key.stationId, privateKey: key.privateKey, encryptionPrivateKey: key.encryption?.privateKey ?? null } } : {}),
      job: { kind: 'consolidate', dataDir: app.dataDir, packages },
    });
    return { jobId };
  }),
  handle(syncDepurate, 'consolidate', async (input, { app, session }) => {
    requireStation(app.db);
    onDisk(app);
    const destination = namedDestination(session, input.destination);
    await planDepuration(app.db, depurationDir(app), destination);
    const jobId = app.jobs.start({
      dbPath: app.dbPath,
      nativeBinding: app.nativeBinding,
      actor: actorOf(session),
      job: { kind: 'depurate', outDir: depurationDir(app), destination, userId: session.user?.id ?? null },
    });
    return { jobId };
  }),
  handle(syncOverview, 'user', (_input, { app }) => syncOverviewOf(app.db)),
];
