import { CampaignSettings, DEFAULT_CAMPAIGN } from '../../shared/campaign';
import { parsePriceList, type PriceList } from '../../shared/prices';
import type { ReadDb, Tx } from './open';
import { stmt } from './stmt';

export function readSetting<T>(db: ReadDb, key: string): T | null {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export function writeSetting(tx: Tx, key: string, value: unknown): void {
  stmt(tx, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

/** The campaign settings as stored, completed with the defaults for anything missing or invalid. */
export function campaignOf(db: ReadDb): CampaignSettings {
  const stored = readSetting<unknown>(db, 'campaign');
  const parsed = CampaignSettings.safeParse({ ...DEFAULT_CAMPAIGN, ...(stored as object | null) });
  return parsed.success ? parsed.data : DEFAULT_CAMPAIGN;
}

/** The prices per equipment type (shared/prices.ts); none until the administrator or the central's update sets them. */
export function pricesOf(db: ReadDb): PriceList {
  return parsePriceList(readSetting<unknown>(db, 'prices'));
}

export function writePrices(tx: Tx, prices: PriceList): void {
  writeSetting(tx, 'prices', prices);
}
