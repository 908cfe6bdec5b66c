import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/contracts';
import { fail, type Result } from '../../shared/result';
import type { AppServices, Session } from '../app/services';
import { dispatch } from '../handlers/table';
import { isTrustedSender } from './security';

/** Each window has its own session (who is signed in there). */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, app: AppServices, rendererUrl: string): Map<number, Session> {
  const sessions = new Map<number, Session>();
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url, rendererUrl)) {
        return Promise.resolve(fail('refused', 'Solicitud rechazada: no proviene de la ventana de Recupera.'));
      }
      let session = sessions.get(event.sender.id);
      if (!session) sessions.set(event.sender.id, (session = { user: null }));
      return dispatch(channel, input, { app, session });
    });
  }
  return sessions;
}
