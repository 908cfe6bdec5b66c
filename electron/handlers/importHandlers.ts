import { resolve } from 'node:path';
import { importStart } from '../../shared/contracts/importBase';
import { jobsCancel, jobsGet } from '../../shared/contracts/jobs';
import { AppFailure } from '../../shared/result';
import type { Role } from '../../shared/roles';
import { reportDir } from '../app/services';
import { actorOf } from '../app/audit';
import { resolveFileToken } from '../app/fileTokens';
import { handle } from './define';
import { requireStation } from './station';

const MAY_CANCEL_OTHERS: ReadonlySet<Role> = new Set<Role>(['COORDINADOR', 'POSVENTA', 'ADMIN']);

export const importHandlers = [
  handle(importStart, 'import', async (input, { app, session }) => {
    const station = requireStation(app.db);
    if (app.dbPath === ':memory:') throw new AppFailure('refused', 'La importación necesita una base de datos en disco.');
    const chosen = resolveFileToken(session, input.file.token);
    const common = {
      path: resolve(chosen.path),
      fileName: chosen.name,
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
  handle(jobsCancel, 'user', (input, { app, session }) => {
    const startedBy = app.jobs.startedBy(input.jobId);
    if (startedBy === undefined) return { cancelled: false };
    // The person who started it stops their own job; a coordinator, Posventa or an administrator stops anyone's.
    const user = session.user!;
    if (startedBy !== user.id && !MAY_CANCEL_OTHERS.has(user.role)) {
      throw new AppFailure('refused', 'Solo quien inició esta tarea, o un coordinador, puede cancelarla.');
    }
    return { cancelled: app.jobs.cancel(input.jobId) };
  }),
];
