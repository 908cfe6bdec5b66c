import { create } from 'zustand';

/** One message about something that finished outside any screen's own flow (a copy saved or not). */
export interface Notice {
  tone: 'ok' | 'error';
  text: string;
}

export const useNotice = create<{ notice: Notice | null; show(n: Notice): void; clear(): void }>((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  clear: () => set({ notice: null }),
}));
