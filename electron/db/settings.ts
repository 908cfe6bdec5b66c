import { CampaignSettings, DEFAULT_CAMPAIGN } from '../../shared/campaign';
import type { Db } from './open';

export function readSetting<T>(db: Db, key: string): T | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export function writeSetting(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

/** The campaign settings as stored, completed with the defaults for anything missing or invalid. */
export function campaignOf(db: Db): CampaignSettings {
  const stored = readSetting<unknown>(db, 'campaign');
  const parsed = CampaignSettings.safeParse({ ...DEFAULT_CAMPAIGN, ...(stored as object | null) });
  return parsed.success ? parsed.data : DEFAULT_CAMPAIGN;
}
