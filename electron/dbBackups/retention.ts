import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DbBackupKind } from '../../shared/contracts/dbBackups';
import { listDbBackups, markDbBackupRemoved } from '../db/dbBackups';
import { nowIso } from '../db/ids';
import type { Db } from '../db/open';
import { runWrite } from '../db/writeSession';
import { log } from '../platform/log';
import { manifestPathFor } from './manifest';

/**
 * What is kept: the 7 newest automatic copies (daily or weekly: a week of days), the 4 newest
 * weekly ones (a month of weeks), the 3 newest taken before a migration, and every manual one
 * (someone asked for it; only a person removes it).
 */
export const KEEP_AUTOMATIC = 7;
export const KEEP_WEEKLY = 4;
export const KEEP_MIGRATION = 3;

export interface RetentionCandidate {
  id: string;
  kind: DbBackupKind;
  createdAt: string;
}

/** The ids retention removes from these copies (not yet removed ones). */
export function retentionPlan(backups: readonly RetentionCandidate[]): string[] {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const keep = new Set<string>();
  const automatic = newestFirst.filter((b) => b.kind === 'DIARIO' || b.kind === 'SEMANAL');
  for (const b of automatic.slice(0, KEEP_AUTOMATIC)) keep.add(b.id);
  for (const b of automatic.filter((b) => b.kind === 'SEMANAL').slice(0, KEEP_WEEKLY)) keep.add(b.id);
  for (const b of newestFirst.filter((b) => b.kind === 'MIGRACION').slice(0, KEEP_MIGRATION)) keep.add(b.id);
  return newestFirst.filter((b) => b.kind !== 'MANUAL' && !keep.has(b.id)).map((b) => b.id);
}

/** The ISO week (`2026-W48`) of a moment, on the PC's calendar: the first copy of each is the weekly one. */
export function isoWeekOf(at: Date): string {
  const d = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  const day = (d.getDay() + 6) % 7; // Monday 0 … Sunday 6
  d.setDate(d.getDate() - day + 3); // the Thursday of this week decides its year
  const year = d.getFullYear();
  const firstThursday = new Date(year, 0, 4);
  const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - ((firstThursday.getDay() + 6) % 7 - 3) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Applies retention: the copies it drops are marked removed in the same write session, then their
 * files (copy and manifest) are deleted. The archive mirror stays: documents never expire with a copy.
 */
export function applyRetention(db: Db, now: Date = new Date()): number {
  const rows = listDbBackups(db);
  const drop = new Set(retentionPlan(rows.map((r) => ({ id: r.id, kind: r.kind, createdAt: r.created_at }))));
  if (drop.size === 0) return 0;
  const dropped = rows.filter((r) => drop.has(r.id));
  runWrite(db, (tx) => {
    for (const r of dropped) markDbBackupRemoved(tx, r.id, nowIso(now));
  });
  for (const r of dropped) {
    const path = join(r.folder, r.file_name);
    try {
      rmSync(path, { force: true });
      rmSync(manifestPathFor(path), { force: true });
    } catch (e) {
      log.warn('dbBackup.removeFailed', { backupId: r.id, err: e });
    }
  }
  return dropped.length;
}
