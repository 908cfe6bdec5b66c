import { create } from 'zustand';
import type { CustomerCard } from '../../../shared/contracts/customers';

/** Which customer the clerk is attending, shared by the card, the handover form and the acta view. */
interface AttendState {
  customer: CustomerCard | null;
  /** The acta just saved or opened from the history, shown with print and reprint. */
  actaId: string | null;
  outOfBase: boolean;
  startHandover(customer: CustomerCard): void;
  startOutOfBase(): void;
  showActa(id: string): void;
  clear(): void;
}

export const useAttend = create<AttendState>((set) => ({
  customer: null,
  actaId: null,
  outOfBase: false,
  startHandover: (customer) => set({ customer, outOfBase: false, actaId: null }),
  startOutOfBase: () => set({ customer: null, outOfBase: true, actaId: null }),
  showActa: (actaId) => set({ actaId }),
  clear: () => set({ customer: null, actaId: null, outOfBase: false }),
}));
