import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { updatesApply, updatesPublish, updatesStatus, type NationalUpdateEntry } from '../../shared/contracts/updates';
import { AppFailure } from '../../shared/result';
import { updateDir, type AppServices } from '../app/services';
import { SHARE_UPDATES, sharedDrop } from '../app/sharedFolder';
import { lastNationalUpdate, listNationalUpdates, type NationalUpdateRow } from '../db/nationalUpdates';
import { getLocalStationKey } from '../db/stations';
import { requireOfficeWithCentral } from '../sync/updateApply';
import { planPublish } from '../sync/updatePublish';
import { actorOf } from '../app/audit';
import { resolveFileToken } from '../app/fileTokens';
import { openingKeys } from '../app/stationKey';
import { handle } from './define';
import { namedDestination } from './destination';
import { requireStation } from './station';

function onDisk(app: AppServices): void {
  if (app.dbPath === ':memory:') throw new AppFailure('refused', 'Esta tarea necesita una base de datos en disco.');
}

function entry(r: NationalUpdateRow): NationalUpdateEntry {
  let counts: NationalUpdateEntry['counts'] = {};
  try {
    counts = JSON.parse(r.counts) as NationalUpdateEntry['counts'];
  } catch {
    // A row whose counts cannot be read still lists.
  }
  return {
    direction: r.direction,
    seq: r.seq,
    kind: r.kind,
    sinceSeq: r.since_seq,
    central: r.central_code,
    fileName: r.file_name,
    snapshotAt: r.snapshot_at,
    recordedAt: r.recorded_at,
    counts,
  };
}

/**
 * Entry points for national updates, for the CLI today and for the shared-folder pickup and the
 * screen later: publish at the central (signed with the station's key, handed to the job in
 * memory), apply at an office, and where this station stands.
 */
export const updateHandlers = [
  handle(updatesPublish, 'consolidate', async (input, { app, session }) => {
    onDisk(app);
    // Without a folder named, the update also goes to the folder shared with the offices, where one is set and answers.
    const destination = namedDestination(session, input.destination) ?? (await sharedDrop(app.db, SHARE_UPDATES));
    // The station, --desde and the folder are checked now, so a mistake is refused in seconds.
    await planPublish(app.db, app.dbPath, { sinceSeq: input.sinceSeq, destination });
    const key = await app.stationKey();
    const jobId = app.jobs.start({
      dbPath: app.dbPath,
      nativeBinding: app.nativeBinding,
      actor: actorOf(session),
      signingKey: { stationId: key.stationId, privateKey: key.privateKey },
      job: { kind: 'publishUpdate', dataDir: app.dataDir, outDir: updateDir(app), destination, sinceSeq: input.sinceSeq, userId: session.user?.id ?? null },
    });
    return { jobId };
  }),
  handle(updatesApply, 'import', async (input, { app, session }) => {
    onDisk(app);
    requireOfficeWithCentral(app.db);
    const chosen = resolveFileToken(session, input.file.token);
    // Updates arrive encrypted to this office: its X25519 key crosses to the job in memory only.
    // A key this process cannot open (sealed by the desktop app) still lets plain updates through.
    const key = await openingKeys(app.stationKey);
    const jobId = app.jobs.start({
      dbPath: app.dbPath,
      nativeBinding: app.nativeBinding,
      actor: actorOf(session),
      ...(key ? { signingKey: key } : {}),
      job: { kind: 'applyUpdate', dataDir: app.dataDir, path: resolve(chosen.path), name: chosen.name, userId: session.user?.id ?? null },
    });
    return { jobId };
  }),
  handle(updatesStatus, 'user', (_input, { app }) => {
    requireStation(app.db);
    const local = getLocalStationKey(app.db)!;
    const published = lastNationalUpdate(app.db, 'PUBLICADA');
    const applied = lastNationalUpdate(app.db, 'APLICADA');
    // A published file still in the central's folder can be saved again from the list.
    const withFile = (r: NationalUpdateRow): NationalUpdateEntry => {
      const path = r.direction === 'PUBLICADA' && r.file_name ? join(updateDir(app), r.file_name) : null;
      return { ...entry(r), path: path && existsSync(path) ? path : null };
    };
    return {
      role: local.role,
      lastPublished: published ? withFile(published) : null,
      lastApplied: applied ? withFile(applied) : null,
      recent: listNationalUpdates(app.db, 20).map(withFile),
    };
  }),
];
