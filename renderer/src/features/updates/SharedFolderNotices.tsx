import { useEffect } from 'react';
import { sharedFolderNotices } from '../../../../shared/contracts/sharedFolder';
import { invoke } from '../../api/client';
import { useNotice } from '../../api/notice';

const EVERY_MS = 30_000;

/**
 * What the shared-folder pickup did on its own (an update applied, or refused and why), shown once
 * in the notice bar; the main process hands each notice over a single time.
 */
export function SharedFolderNotices() {
  useEffect(() => {
    let alive = true;
    async function look() {
      const r = await invoke(sharedFolderNotices, {});
      if (!alive || !r.ok || r.value.length === 0) return;
      // The bar holds one notice: all of them go in it, as an error if any update was refused.
      const tone = r.value.some((n) => n.tone === 'error') ? 'error' : 'ok';
      useNotice.getState().show({ tone, text: r.value.map((n) => n.text).join(' ') });
    }
    void look();
    const timer = setInterval(() => void look(), EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, []);
  return null;
}
