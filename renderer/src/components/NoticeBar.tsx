import { useEffect, useRef } from 'react';
import { useNotice } from '../api/notice';
import { useApp } from '../store/app';

/**
 * Shows the last notice until the user closes it, another replaces it, or the user moves on: a
 * notice about an earlier action left on screen reads as news about the next one, so it goes when
 * the screen changes or a button elsewhere starts something (clicked or submitted).
 */
export function NoticeBar() {
  const notice = useNotice((s) => s.notice);
  const clear = useNotice((s) => s.clear);
  const screen = useApp((s) => s.screen);
  const bar = useRef<HTMLDivElement>(null);
  const shownOn = useRef(screen);

  useEffect(() => {
    if (shownOn.current !== screen) {
      shownOn.current = screen;
      clear();
    }
  }, [screen, clear]);

  useEffect(() => {
    if (!notice) return;
    // Capture: the action's own handler may show a new notice, which must not be cleared after it.
    function onAction(e: Event) {
      const target = e.target instanceof Element ? e.target : null;
      if (!target || bar.current?.contains(target)) return;
      if (e.type === 'submit' || target.closest('button, a[href], [role="button"], [role="tab"]')) clear();
    }
    document.addEventListener('click', onAction, true);
    document.addEventListener('submit', onAction, true);
    return () => {
      document.removeEventListener('click', onAction, true);
      document.removeEventListener('submit', onAction, true);
    };
  }, [notice, clear]);

  if (!notice) return null;
  return (
    <div ref={bar} className={`alert ${notice.tone === 'ok' ? 'alert-ok' : 'alert-error'} notice-bar`} role={notice.tone === 'ok' ? 'status' : 'alert'}>
      <span>{notice.text}</span>{' '}
      <button type="button" className="btn btn-small" onClick={clear}>
        Cerrar
      </button>
    </div>
  );
}
