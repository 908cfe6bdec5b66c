import { sharedFolderGet, sharedFolderNotices, sharedFolderPackages, sharedFolderSet } from '../../shared/contracts/sharedFolder';
import { actorOf } from '../app/audit';
import { issueFileToken } from '../app/fileTokens';
import { listSharedPackages, setSharedFolderPath, sharedFolderState } from '../app/sharedFolder';
import { handle } from './define';
import { requireStation } from './station';

/** The folder shared with Posventa: the setting, what the pickup did, and the packages waiting at the central. */
export const sharedFolderHandlers = [
  handle(sharedFolderGet, 'user', (_input, { app }) => sharedFolderState(app.db)),
  handle(sharedFolderSet, 'settings', (input, { app, session }) => {
    requireStation(app.db);
    return setSharedFolderPath(app.db, app.dataDir, input.path, actorOf(session));
  }),
  handle(sharedFolderNotices, 'user', (_input, { app }) => app.sharedPickup.takeNotices()),
  // The person picks from this list: each package goes back as a token of this session, like a file they chose.
  handle(sharedFolderPackages, 'consolidate', async (_input, { app, session }) => {
    const listed = await listSharedPackages(app.db);
    return {
      folder: listed.folder,
      packages: listed.packages.map(({ path, ...p }) => ({ ...p, token: issueFileToken(session, path, p.name) })),
    };
  }),
];
