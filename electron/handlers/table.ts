import { CHANNELS } from '../../shared/contracts';
import { fail, type Result } from '../../shared/result';
import type { CallContext } from '../app/services';
import type { Handler } from './define';
import { auditHandlers } from './auditHandlers';
import { authHandlers } from './authHandlers';
import { backupHandlers } from './backupHandlers';
import { billingHandlers } from './billingHandlers';
import { campaignHandlers } from './campaignHandlers';
import { conflictHandlers } from './conflictHandlers';
import { dbBackupHandlers } from './dbBackupHandlers';
import { diagnosticsHandlers } from './diagnosticsHandlers';
import { handoverHandlers } from './handoverHandlers';
import { importHandlers } from './importHandlers';
import { jobHandlers } from './jobHandlers';
import { mailHandlers } from './mailHandlers';
import { priceHandlers } from './priceHandlers';
import { progressHandlers } from './progressHandlers';
import { dailyCloseHandlers } from './dailyCloseHandlers';
import { recoveryKeyHandlers } from './recoveryKeyHandlers';
import { searchHandlers } from './searchHandlers';
import { setupHandlers } from './setupHandlers';
import { stationHandlers } from './stationHandlers';
import { syncHandlers } from './syncHandlers';
import { sharedFolderHandlers } from './sharedFolderHandlers';
import { updateHandlers } from './updateHandlers';
import { userHandlers } from './userHandlers';

/** One table serves Electron IPC, the browser-mode server and the CLI. */
export const HANDLERS: ReadonlyMap<string, Handler> = new Map([...setupHandlers, ...authHandlers, ...userHandlers, ...searchHandlers, ...importHandlers, ...jobHandlers, ...handoverHandlers, ...backupHandlers, ...mailHandlers, ...syncHandlers, ...updateHandlers, ...conflictHandlers, ...billingHandlers, ...diagnosticsHandlers, ...stationHandlers, ...sharedFolderHandlers, ...auditHandlers, ...dbBackupHandlers, ...recoveryKeyHandlers, ...progressHandlers, ...dailyCloseHandlers, ...campaignHandlers, ...priceHandlers]);

const missing = CHANNELS.filter((c) => !HANDLERS.has(c));
if (missing.length > 0) throw new Error(`Contracts without a handler: ${missing.join(', ')}`);

export function dispatch(channel: string, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
  const h = HANDLERS.get(channel);
  if (!h) return Promise.resolve(fail('not_found', `Operación desconocida: ${channel}`));
  return h(input, ctx);
}
