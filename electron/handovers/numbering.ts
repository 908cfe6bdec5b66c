import { actaNumber } from '../../shared/handover';
import { takeActaSeq } from '../db/handovers';
import type { Tx } from '../db/open';

/**
 * Takes the next acta number for a station and year. It takes the session that stores the acta
 * (`Tx`): if that session rolls back, the counter rolls back with it, so numbers stay gap-free.
 */
export function takeActaNumber(tx: Tx, station: string, year: number): { seq: number; number: string } {
  const seq = takeActaSeq(tx, station, year);
  return { seq, number: actaNumber(station, year, seq) };
}
