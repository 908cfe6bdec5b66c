import { childArgs } from './children';
import { measure } from './measure';

export interface StoreFloor {
  /** The rows in the app's schema (keys, indexes, name search), one transaction. */
  schemaSeconds: number;
  /** The same rows in tables with no index at all. */
  bareSeconds: number;
  rows: number;
}

/**
 * What writing the base an import wrote into `dbPath` costs SQLite alone on this machine
 * (storeFloorChild.ts): the floor any import's time is to be read against. The child holds every
 * row in memory at once, so it gets a bigger heap than Node's default; its memory is no figure.
 */
export async function storeFloor(dbPath: string, work: string): Promise<StoreFloor> {
  const m = await measure(process.execPath, ['--max-old-space-size=16384', ...childArgs('storeFloorChild'), dbPath, work]);
  if (m.code !== 0) throw new Error('store floor failed');
  return JSON.parse(m.stdout) as StoreFloor;
}
