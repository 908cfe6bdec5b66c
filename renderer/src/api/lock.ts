import { create } from 'zustand';

/**
 * Whether this window's session is locked (idle lock). Kept here, below the stores and screens,
 * so anything that polls the main process can wait instead of failing while the screen is locked.
 */
export const useLock = create<{ locked: boolean; setLocked(locked: boolean): void }>((set) => ({
  locked: false,
  setLocked: (locked) => set({ locked }),
}));

export function isLocked(): boolean {
  return useLock.getState().locked;
}
