import { sharedFolderGet, sharedFolderNotices, sharedFolderPackages, sharedFolderSet } from '../../shared/contracts/sharedFolder';
import { actorOf } from '../app/audit';
import { listSharedPackages, setSharedFolderPath, sharedFolderState } from '../app/sharedFolder';
import { handle } from './define';
import { requireStation } from './station';

/** The folder shared with Posventa: the setting, what the pickup did, and the packages waiting at the central. */
export const sharedFolderHandlers = [
  handle(sharedFolderGet, 'user', (_input, { app }) => sharedFolderState(app.db)),
  handle(sharedFolderSet, 'settings', (input, { app, session }) => {
    requireStation(app.db);
    return setSharedFolderPath(app.db, input.path, actorOf(session));
  }),
  handle(sharedFolderNotices, 'user', (_input, { app }) => app.sharedPickup.takeNotices()),
  handle(sharedFolderPackages, 'consolidate', (_input, { app }) => listSharedPackages(app.db)),
];
