import { actaNumber } from '../../shared/handover';
import type { Db } from '../db/open';
import { stmt } from '../db/stmt';

/**
 * Takes the next acta number for a station and year. It must run inside the transaction that
 * stores the acta: if that transaction rolls back (or the app dies before COMMIT), the counter
 * rolls back with it, so a number is either on a stored acta or was never issued.
 */
export function takeActaNumber(db: Db, station: string, year: number): { seq: number; number: string } {
  if (!db.inTransaction) throw new Error('takeActaNumber must run inside the saving transaction');
  const seq = stmt(
    db,
    `INSERT INTO acta_counters (station_code, year, last_seq) VALUES (?, ?, 1)
     ON CONFLICT (station_code, year) DO UPDATE SET last_seq = last_seq + 1
     RETURNING last_seq`,
  )
    .pluck()
    .get(station, year) as number;
  return { seq, number: actaNumber(station, year, seq) };
}
