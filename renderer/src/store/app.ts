import { create } from 'zustand';
import { appInfo, authSignOut, type SessionUser } from '../../../shared/contracts/app';
import type { OutputOf } from '../../../shared/contracts/contract';
import type { AppError } from '../../../shared/result';
import { invoke } from '../api/client';

export type Screen = 'search' | 'actas' | 'respaldos' | 'import' | 'paquete' | 'consolidacion' | 'actualizaciones' | 'tareas' | 'settings' | 'users';

type Info = OutputOf<typeof appInfo>;

interface AppState {
  info: Info | null;
  loadError: AppError | null;
  screen: Screen;
  /** Bumped to ask the search box to take focus (Ctrl+K, F2, after each finished task). */
  focusTick: number;
  refresh(): Promise<void>;
  setUser(user: SessionUser | null): void;
  go(screen: Screen): void;
  focusSearch(): void;
  signOut(): Promise<void>;
}

export const useApp = create<AppState>((set, get) => ({
  info: null,
  loadError: null,
  screen: 'search',
  focusTick: 0,
  async refresh() {
    const r = await invoke(appInfo, {});
    if (r.ok) set({ info: r.value, loadError: null });
    else set({ loadError: r.error });
  },
  setUser(user) {
    const info = get().info;
    if (info) set({ info: { ...info, user } });
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
    set({ screen: 'search' });
    await get().refresh();
  },
}));
