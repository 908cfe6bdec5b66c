import { contextBridge, ipcRenderer, webUtils } from 'electron';
// Only the generated list of names: the sandboxed preload bundles everything it imports, and the
// contracts would bring zod and every schema along (scripts/generate-channels.mjs).
import { CHANNEL_LIST } from '../../shared/contracts/channelList';
import { SHELL_CHANNELS } from '../../shared/contracts/shellChannels';

// The renderer sees one small object; anything outside the contracted channels is refused here.
const allowed = new Set<string>(CHANNEL_LIST);

contextBridge.exposeInMainWorld('recupera', {
  mode: 'electron',
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!allowed.has(channel)) return Promise.resolve({ ok: false, error: { kind: 'refused', message: `Canal no permitido: ${channel}` } });
    return ipcRenderer.invoke(channel, input);
  },
  /** An opaque token for a dropped or chosen file: main checks the file and keeps its path. */
  fileToken(file: File): Promise<unknown> {
    let path = '';
    try {
      path = webUtils.getPathForFile(file);
    } catch {
      // Not a file from disk (made in the page): main refuses the empty path in Spanish.
    }
    return ipcRenderer.invoke(SHELL_CHANNELS.fileToken, { path });
  },
  saveCopy(input: unknown): Promise<unknown> {
    return ipcRenderer.invoke(SHELL_CHANNELS.saveCopy, input);
  },
  viewDocument(input: unknown): Promise<unknown> {
    return ipcRenderer.invoke(SHELL_CHANNELS.viewDocument, input);
  },
});
