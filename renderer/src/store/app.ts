import { create } from 'zustand';
import { appInfo, type SessionUser } from '../../../shared/contracts/app';
import { authSignOut } from '../../../shared/contracts/auth';
import type { OutputOf } from '../../../shared/contracts/contract';
import type { AppError } from '../../../shared/result';
import { invoke } from '../api/client';
import { useLock } from '../api/lock';

export type Screen = 'search' | 'actas' | 'avance' | 'cierre' | 'respaldos' | 'import' | 'paquete' | 'consolidacion' | 'actualizaciones' | 'tareas' | 'settings' | 'users' | 'auditoria';

type Info = OutputOf<typeof appInfo>;

interface AppState {
  info: Info | null;
  loadError: AppError | null;
  screen: Screen;
  /** Bumped to ask the search box to take focus (Ctrl+K, F2, after each finished task). */
  focusTick: number;
  /**
   * Bumped whenever the person at the desk changes (sign-out, another user at the lock screen):
   * the signed-in app is keyed by it, so every screen's own state (search text, results, forms)
   * is dropped with the previous person's session.
   */
  sessionEpoch: number;
  refresh(): Promise<void>;
  setUser(user: SessionUser | null): void;
  go(screen: Screen): void;
  focusSearch(): void;
  /** Signs out on the main process and forgets this store's per-user part (see features/session for the rest). */
  signOut(): Promise<void>;
  /** The main process ended the session by itself (a restore, a deactivation): forgotten here as on a sign-out. */
  sessionEnded(): Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  info: null,
  loadError: null,
  screen: 'search',
  focusTick: 0,
  sessionEpoch: 0,
  async refresh() {
    const r = await invoke(appInfo, {});
    if (r.ok) {
      set({ info: r.value, loadError: null });
      // Only the main process's lock or an unlock/sign-in opens the screen; a refresh never does.
      const lock = useLock.getState();
      lock.setLocked(r.value.user !== null && (r.value.locked === true || lock.locked));
    } else set({ loadError: r.error });
  },
  setUser(user) {
    const info = get().info;
    const before = info?.user?.id ?? null;
    if (before !== (user?.id ?? null)) set((s) => ({ screen: 'search', sessionEpoch: s.sessionEpoch + 1 }));
    if (info) set({ info: { ...info, user, locked: false } });
    useLock.getState().setLocked(false);
    void get().refresh();
  },
  go(screen) {
    set({ screen });
    if (screen === 'search') get().focusSearch();
  },
  focusSearch() {
    set((s) => ({ screen: 'search', focusTick: s.focusTick + 1 }));
  },
  async signOut() {
    await invoke(authSignOut, {});
    await get().sessionEnded();
  },
  async sessionEnded() {
    const info = get().info;
    set((s) => ({ screen: 'search', sessionEpoch: s.sessionEpoch + 1, info: info ? { ...info, user: null, locked: false } : info }));
    useLock.getState().setLocked(false);
    await get().refresh();
  },
}));
