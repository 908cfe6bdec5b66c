import { create } from 'zustand';
import type { CustomerCard } from '../../../../shared/contracts/customers';
import type { Screen } from '../../store/app';

/** Which customer the clerk is attending, shared by the card, the handover form and the acta view. */
interface AttendState {
  customer: CustomerCard | null;
  /** The acta just saved or opened from the history, shown with print and reprint. */
  actaId: string | null;
  outOfBase: boolean;
  /** The serial the customer was found by: the form starts with its item ticked. */
  preselectSerial: string | null;
  /** A handover form with something ticked or typed: leaving it asks first. */
  dirty: boolean;
  /** Where the clerk asked to go while a form was in progress; the discard dialog is open while set. */
  discardTo: Screen | null;
  setDirty(dirty: boolean): void;
  askDiscard(to: Screen): void;
  keepEditing(): void;
  startHandover(customer: CustomerCard, preselectSerial?: string): void;
  startOutOfBase(): void;
  showActa(id: string): void;
  clear(): void;
}

export const useAttend = create<AttendState>((set) => ({
  customer: null,
  actaId: null,
  outOfBase: false,
  preselectSerial: null,
  dirty: false,
  discardTo: null,
  setDirty: (dirty) => set({ dirty }),
  askDiscard: (discardTo) => set({ discardTo }),
  keepEditing: () => set({ discardTo: null }),
  startHandover: (customer, preselectSerial) =>
    set({ customer, outOfBase: false, preselectSerial: preselectSerial ?? null, actaId: null, dirty: false, discardTo: null }),
  startOutOfBase: () => set({ customer: null, outOfBase: true, preselectSerial: null, actaId: null, dirty: false, discardTo: null }),
  showActa: (actaId) => set({ actaId, dirty: false, discardTo: null }),
  clear: () => set({ customer: null, actaId: null, outOfBase: false, preselectSerial: null, dirty: false, discardTo: null }),
}));

/** A handover form with unsaved work is on screen: leaving must ask. */
export function mustAskBeforeLeaving(s: Pick<AttendState, 'dirty' | 'actaId'>): boolean {
  return s.dirty && !s.actaId;
}
