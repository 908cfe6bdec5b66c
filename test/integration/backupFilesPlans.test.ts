import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDocumentOf, backupFiles } from '../../electron/db/backups';
import { documentPurgedAt } from '../../electron/db/documentRetention';
import type { ReadDb } from '../../electron/db/open';
import { openTestDatabase } from '../helpers/encryptedDb';

// A respaldo's documents are read by the respaldo (each card and review) and by their hash (a
// document opened, retention): at the central, tens of thousands of documents. Each read goes
// through an index (migration 14), never a scan of them all.

const dir = mkdtempSync(join(tmpdir(), 'recupera-backup-files-plans-'));
const db = openTestDatabase(join(dir, 'recupera.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The plans of the statements `read` prepares, as the repository writes them. */
function plansOf(read: (d: ReadDb) => unknown): string[] {
  const prepared: string[] = [];
  const recording = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => (prepared.push(sql), target.prepare(sql));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  read(recording as ReadDb);
  return prepared.map((sql) => {
    const params = sql.match(/\?/g)?.map(() => 'x') ?? [];
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
  });
}

describe('a respaldo’s documents', () => {
  it('are found by their respaldo and by their hash through an index', () => {
    const plans = [...plansOf((d) => backupFiles(d, 'r')), ...plansOf((d) => backupDocumentOf(d, 'r', 'h')), ...plansOf((d) => documentPurgedAt(d, 'h'))];
    expect(plans).toHaveLength(3);
    expect(plans[0]).toMatch(/SEARCH backup_files USING INDEX backup_files_backup \(backup_id=\?\)/);
    expect(plans[1]).toMatch(/SEARCH f USING INDEX backup_files_(backup|sha256)/);
    expect(plans[2]).toMatch(/SEARCH backup_files USING INDEX backup_files_sha256 \(sha256=\?\)/);
    for (const p of plans) expect(p).not.toMatch(/SCAN (backup_files|f)( |$)/);
  });
});
