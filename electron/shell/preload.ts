import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS } from '../../shared/contracts';
import { SHELL_CHANNELS, type SaveCopyInput } from '../../shared/contracts/shell';

// The renderer sees one small object; anything outside the contracted channels is refused here.
const allowed = new Set(CHANNELS);

contextBridge.exposeInMainWorld('recupera', {
  mode: 'electron',
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!allowed.has(channel)) return Promise.resolve({ ok: false, error: { kind: 'refused', message: `Canal no permitido: ${channel}` } });
    return ipcRenderer.invoke(channel, input);
  },
  pathForFile(file: File): string {
    return webUtils.getPathForFile(file);
  },
  saveCopy(input: SaveCopyInput): Promise<unknown> {
    return ipcRenderer.invoke(SHELL_CHANNELS.saveCopy, input);
  },
});
