import type { ReadDb, Tx } from './open';
import { newId, nowIso } from './ids';
import { stmt } from './stmt';

export interface StationRow {
  id: string;
  code: string;
  office: string;
  regional: string | null;
  city: string | null;
}

export function getLocalStation(db: ReadDb): StationRow | null {
  return (stmt(db, 'SELECT id, code, office, regional, city FROM stations WHERE is_local = 1').get() as StationRow | undefined) ?? null;
}

export function insertLocalStation(tx: Tx, s: Omit<StationRow, 'id'>): StationRow {
  const row = { id: newId(), ...s };
  stmt(
    tx,
    'INSERT INTO stations (id, code, office, regional, city, is_local, created_at) VALUES (@id, @code, @office, @regional, @city, 1, @now)',
  ).run({ ...row, now: nowIso() });
  return row;
}
