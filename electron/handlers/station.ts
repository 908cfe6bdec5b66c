import { AppFailure } from '../../shared/result';
import type { ReadDb } from '../db/open';
import { getLocalStation, type StationRow } from '../db/stations';

/** Every handler that records or sends anything needs the station set up by the first-run assistant. */
export function requireStation(db: ReadDb): StationRow {
  const station = getLocalStation(db);
  if (!station) throw new AppFailure('refused', 'Esta computadora todavía no está configurada. Complete el asistente de inicio.');
  return station;
}
