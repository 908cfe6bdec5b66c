import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditPageSql, type AuditQuery } from '../../electron/db/auditQuery';
import { openTestDatabase } from '../helpers/encryptedDb';

// The Auditoría screen's page over a central's log (every office's entries, millions over a
// campaign): each filter reaches the log through an index, and newest-first never sorts it.

const dir = mkdtempSync(join(tmpdir(), 'recupera-audit-plans-'));
const db = openTestDatabase(join(dir, 'recupera.sqlite'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function plan(q: AuditQuery): string {
  const params: Record<string, unknown> = { limit: 50, offset: 0, fromAt: 'a', toAt: 'z', username: 'x', action: 'x', station: 'x', customerIds: '[]' };
  const sql = auditPageSql(q);
  const used = Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`@${k}`)));
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(used) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
}

describe('audit log pages', () => {
  it('without filters (and by days) walk the time index backwards, no sort', () => {
    for (const q of [{}, { fromAt: 'a', toAt: 'z' }]) {
      const p = plan(q);
      expect(p).toMatch(/SCAN audit_log USING INDEX audit_log_at|SEARCH audit_log USING INDEX audit_log_at \(at>\? AND at<\?\)/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('by user, action, station or customer search their own index', () => {
    expect(plan({ username: 'x' })).toMatch(/SEARCH audit_log USING INDEX audit_log_username \(username=\?\)/);
    expect(plan({ action: 'x', fromAt: 'a' })).toMatch(/SEARCH audit_log USING INDEX audit_log_action \(action=\? AND at>\?\)/);
    expect(plan({ station: 'x' })).toMatch(/SEARCH audit_log USING INDEX audit_log_station_at \(station_code=\?\)/);
    expect(plan({ customerIds: [] })).toMatch(/SEARCH audit_log USING INDEX audit_log_customer \(customer_id=\?\)/);
    for (const q of [{ username: 'x' }, { action: 'x' }, { station: 'x' }, { customerIds: [] }]) expect(plan(q)).not.toMatch(/SCAN audit_log( |$)/);
  });
});
