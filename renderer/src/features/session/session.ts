import { create } from 'zustand';
import { appInfo, type SessionUser } from '../../../../shared/contracts/app';
import { authLock } from '../../../../shared/contracts/auth';
import { invoke } from '../../api/client';
import { useLock } from '../../api/lock';
import { useNotice } from '../../api/notice';
import { useApp } from '../../store/app';
import { mustAskBeforeLeaving, useAttend } from '../handover/store';
import { useImportBase } from '../import/importBaseState';
import { useImportHandoverList } from '../import/importHandoverListState';

/**
 * Forgets everything one person left in the window: the customer attended and the handover form,
 * the last notice, a base import's and an earlier-returns list's steps. Each screen's own state (search text and results, the selected customer) goes
 * with the signed-in app, which is keyed by the session epoch and so is built anew.
 */
export function clearUserState(): void {
  useAttend.getState().clear();
  useNotice.getState().clear();
  useSignOutAsk.getState().close();
  useImportBase.getState().clear();
  useImportHandoverList.getState().clear();
}

/** The customer whose handover is on screen and not saved, for the question before leaving; null when nothing would be lost. */
export function unsavedHandoverFor(): string | null {
  const attend = useAttend.getState();
  if (!mustAskBeforeLeaving(attend)) return null;
  return attend.customer?.name ?? attend.customer?.identification ?? 'un cliente fuera de la base';
}

/**
 * After a refused call: when the main process no longer holds this window's session (a restore
 * replaced the database, the user was deactivated), the window goes back to sign-in as on a
 * sign-out, and the next person starts clean. Every call answered «Su sesión terminó…» before,
 * with the person's name still on screen.
 */
export async function checkSessionEnded(): Promise<void> {
  if (!useApp.getState().info?.user) return;
  const r = await invoke(appInfo, {});
  if (!r.ok || r.value.user !== null || !useApp.getState().info?.user) return;
  clearUserState();
  await useApp.getState().sessionEnded();
}

export async function signOutNow(): Promise<void> {
  clearUserState();
  await useApp.getState().signOut();
}

/** Someone signed in at this window: another person than before starts from a clean app. */
export function signedIn(user: SessionUser): void {
  const before = useApp.getState().info?.user?.id ?? null;
  if (before !== null && before !== user.id) clearUserState();
  useApp.getState().setUser(user);
}

/** Where the keyboard was when the window locked: hiding the app drops the focus, and the same person resumes there (the scanner field mid-handover). */
let focusBeforeLock: HTMLElement | null = null;

/** The element focused before the lock, once; null if it is gone (another person's app was built anew). */
export function takeFocusBeforeLock(): HTMLElement | null {
  const el = focusBeforeLock;
  focusBeforeLock = null;
  return el?.isConnected ? el : null;
}

/** Locks the window: the main process refuses every call of this session until it is unlocked. */
export async function lockNow(manual: boolean): Promise<void> {
  if (useLock.getState().locked) return;
  focusBeforeLock = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  // The screen hides first: personal data is off the screen even if the call is slow.
  useLock.getState().setLocked(true);
  const r = await invoke(authLock, { manual });
  if (!r.ok) await useApp.getState().refresh();
}

export function unlocked(user: SessionUser): void {
  useApp.getState().setUser(user);
}

/** The question «¿Cerrar sesión y descartarla?», open while a sign-out waits for an answer. */
export const useSignOutAsk = create<{ customer: string | null; open(customer: string): void; close(): void }>((set) => ({
  customer: null,
  open: (customer) => set({ customer }),
  close: () => set({ customer: null }),
}));

/** «Salir»: with a handover in progress it asks first. */
export function requestSignOut(): void {
  const customer = unsavedHandoverFor();
  if (customer) useSignOutAsk.getState().open(customer);
  else void signOutNow();
}
