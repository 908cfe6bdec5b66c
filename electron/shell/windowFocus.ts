import type { BrowserWindow } from 'electron';

/** A second launch of Recupera brings the open window forward (restored if minimised) instead of a second app. */
export function focusExisting(win: Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'> | null): boolean {
  if (!win || win.isDestroyed()) return false;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  return true;
}
