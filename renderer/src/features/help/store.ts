import { create } from 'zustand';
import { useApp } from '../../store/app';
import { useAttend } from '../handover/store';
import type { HelpContext } from './topics';

interface HelpState {
  /** The screen the help was opened on, or null while closed. */
  open: HelpContext | null;
  show(): void;
  close(): void;
}

/** The screen in front of the user, in the order the shell's workspace picks it (acta, then handover form, then the top bar's screen). */
export function currentHelpContext(): HelpContext {
  const attend = useAttend.getState();
  if (attend.actaId) return 'acta';
  if (attend.customer || attend.outOfBase) return 'handover';
  return useApp.getState().screen;
}

export const useHelp = create<HelpState>((set) => ({
  open: null,
  show: () => set({ open: currentHelpContext() }),
  close: () => set({ open: null }),
}));
