import { basename, resolve } from 'node:path';
import { importStart } from '../../shared/contracts/importBase';
import { jobsCancel, jobsGet } from '../../shared/contracts/jobs';
import { AppFailure } from '../../shared/result';
import { reportDir } from '../app/services';
import { actorOf } from '../app/audit';
import { handle } from './define';
import { requireStation } from './station';

export const importHandlers = [
  handle(importStart, 'import', async (input, { app, session }) => {
    const station = requireStation(app.db);
    if (app.dbPath === ':memory:') throw new AppFailure('refused', 'La importación necesita una base de datos en disco.');
    const common = {
      path: resolve(input.path),
      fileName: input.fileName ?? basename(input.path),
      mode: input.mode,
      userId: session.user?.id ?? null,
      reportDir: reportDir(app),
    };
    // Loading a list of past returns creates actas, sealed by this station: the job gets its key.
    const key = input.kind === 'ENTREGAS' && input.mode === 'commit' ? await app.stationKey() : null;
    const jobId = app.jobs.start({
      dbPath: app.dbPath,
      nativeBinding: app.nativeBinding,
      actor: actorOf(session),
      ...(key ? { signingKey: { stationId: key.stationId, privateKey: key.privateKey } } : {}),
      job:
        input.kind === 'ENTREGAS'
          ? { kind: 'importHandovers', ...common }
          : { kind: 'importBase', ...common, mapping: input.mapping, stationCode: station.code },
    });
    return { jobId };
  }),
  handle(jobsGet, 'user', (input, { app }) => {
    const state = app.jobs.get(input.jobId);
    if (!state) throw new AppFailure('not_found', 'La tarea ya no existe.');
    return state;
  }),
  handle(jobsCancel, 'user', (input, { app }) => ({ cancelled: app.jobs.cancel(input.jobId) })),
];
