import { create } from 'zustand';
import type { CustomerCard } from '../../../shared/contracts/customers';

/** Which customer the clerk is attending, shared by the card, the handover form and the acta view. */
interface AttendState {
  customer: CustomerCard | null;
  /** The acta just saved or opened from the history, shown with print and reprint. */
  actaId: string | null;
  outOfBase: boolean;
  /** A handover form with something ticked or typed: leaving it asks first. */
  dirty: boolean;
  setDirty(dirty: boolean): void;
  /** Leaves the current task; asks before throwing away a form in progress. */
  leave(): boolean;
  startHandover(customer: CustomerCard): void;
  startOutOfBase(): void;
  showActa(id: string): void;
  clear(): void;
}

export const useAttend = create<AttendState>((set, get) => ({
  customer: null,
  actaId: null,
  outOfBase: false,
  dirty: false,
  setDirty: (dirty) => set({ dirty }),
  leave: () => {
    if (get().dirty && !get().actaId && !window.confirm('¿Descartar la entrega que está registrando? Lo marcado se perderá.')) return false;
    set({ customer: null, actaId: null, outOfBase: false, dirty: false });
    return true;
  },
  startHandover: (customer) => set({ customer, outOfBase: false, actaId: null, dirty: false }),
  startOutOfBase: () => set({ customer: null, outOfBase: true, actaId: null, dirty: false }),
  showActa: (actaId) => set({ actaId, dirty: false }),
  clear: () => set({ customer: null, actaId: null, outOfBase: false, dirty: false }),
}));
