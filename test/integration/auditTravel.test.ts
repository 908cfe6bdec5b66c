import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditActor } from '../../shared/audit';
import { auditList, auditVerify } from '../../shared/contracts/audit';
import { recordAudit } from '../../electron/db/audit';
import type { Db } from '../../electron/db/open';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import { readPackageAudit } from '../../electron/sync/packageAudit';
import type { TestApp } from '../helpers/app';
import { consolidate, exportNow, nationalLoop } from '../helpers/nationalLoop';
import { card, coordinator, posventa } from '../helpers/offices';

const opened = (name: string): AuditActor => ({ id: `u-${name}`, username: name, fullName: `Asesor ${name}`, role: 'ASESOR' });

function note(db: Db, who: string, description: string, customerId: string | null = null): void {
  runWrite(db, (tx) => recordAudit(tx, opened(who), { action: 'FICHA_ABIERTA', description, customerId }));
}

function chain(db: Db, station: string): Array<{ station_seq: number; hash: string }> {
  return runWrite(db, (tx) => tx.prepare('SELECT station_seq, hash FROM audit_log WHERE station_code = ? ORDER BY station_seq').all(station) as Array<{ station_seq: number; hash: string }>);
}

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

describe('office audit entries travel to the central', () => {
  it('arrive in the package and continue each office’s chain; a package sent twice adds nothing', async () => {
    const { p, offices } = await nationalLoop([
      ['UIO-INAQUITO-01', 'CAC Iñaquito'],
      ['GYE-CENTRO-01', 'CAC Centro'],
    ]);
    apps = [p, ...offices];
    const [a, b] = offices as [TestApp, TestApp];
    const juanAtA = await card(a, '1712345675');
    note(a.ctx.app.db, 'ana', 'Abrió la ficha de Juan.', juanAtA.id);
    note(b.ctx.app.db, 'beto', 'Abrió una ficha en Guayaquil.');

    const pa = await exportNow(a);
    const pb = await exportNow(b);
    const r = await consolidate(p, [pa.package, pb.package]);
    expect(r.refused).toEqual([]);
    for (const o of r.outcomes) expect(o.audit?.warnings).toEqual([]);

    // Everything each office had when it exported is at the central, as made (same hashes).
    const aAtP = chain(p.ctx.app.db, 'UIO-INAQUITO-01');
    expect(aAtP.length).toBeGreaterThan(0);
    expect(aAtP).toEqual(chain(a.ctx.app.db, 'UIO-INAQUITO-01').slice(0, aAtP.length));
    expect(chain(p.ctx.app.db, 'GYE-CENTRO-01').length).toBeGreaterThan(0);
    p.ctx.session.user = posventa;
    const verified = await call(p.ctx, auditVerify, {});
    expect(verified.ok && verified.value.ok).toBe(true);

    // Posventa finds an office's entry about a customer through the central's own customer.
    const found = await call(p.ctx, auditList, { customer: '1712345675' });
    expect(found.ok && found.value.entries.map((e) => [e.stationCode, e.description])).toContainEqual(['UIO-INAQUITO-01', 'Abrió la ficha de Juan.']);

    // The next package carries only what came since; the same package again changes nothing.
    note(a.ctx.app.db, 'ana', 'Abrió otra ficha.');
    const pa2 = await exportNow(a);
    const again = await consolidate(p, [pa.package, pa2.package]);
    expect(again.outcomes.map((o) => o.status)).toEqual(['applied', 'read']);
    expect(again.outcomes[1]!.audit?.warnings).toEqual([]);
    expect(again.outcomes[1]!.audit?.inserted).toBeGreaterThan(0);
    const descriptions = runWrite(p.ctx.app.db, (tx) => tx.prepare("SELECT description FROM audit_log WHERE station_code = 'UIO-INAQUITO-01'").pluck().all());
    expect(descriptions.filter((d) => d === 'Abrió otra ficha.')).toHaveLength(1);
  });

  it('a gap is reported and nothing after it stored until the earlier package comes; an office’s deleted last entries are reported', async () => {
    const { p, offices } = await nationalLoop([['UIO-INAQUITO-01', 'CAC Iñaquito']]);
    apps = [p, ...offices];
    const a = offices[0]!;
    note(a.ctx.app.db, 'ana', 'Primera.');
    const first = await exportNow(a);
    note(a.ctx.app.db, 'ana', 'Segunda.');
    const second = await exportNow(a);

    const early = await consolidate(p, [second.package]);
    expect(early.outcomes[0]!.status).toBe('read');
    expect(early.outcomes[0]!.audit?.inserted).toBe(0);
    expect(early.outcomes[0]!.audit?.warnings[0]).toMatch(/^Faltan en esta central las entradas 1 a \d+ de UIO-INAQUITO-01 \(vienen en un paquete anterior que no se consolidó aquí\)\./);
    expect(chain(p.ctx.app.db, 'UIO-INAQUITO-01')).toEqual([]);

    const inOrder = await consolidate(p, [first.package, second.package]);
    expect(inOrder.outcomes.map((o) => o.audit?.warnings)).toEqual([[], []]);
    const atP = chain(p.ctx.app.db, 'UIO-INAQUITO-01');
    expect(atP).toEqual(chain(a.ctx.app.db, 'UIO-INAQUITO-01').slice(0, atP.length));

    // At the office the last entries are deleted behind the app's back: its own chain shows no gap.
    const last = atP.at(-1)!.station_seq;
    runWrite(a.ctx.app.db, (tx) => {
      const triggers = tx.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[];
      tx.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
      tx.prepare("DELETE FROM audit_log WHERE station_code = 'UIO-INAQUITO-01' AND station_seq >= ?").run(last - 1);
      for (const t of triggers) tx.exec(t);
    });
    a.ctx.session.user = coordinator;
    const atOffice = await call(a.ctx, auditVerify, {});
    expect(atOffice.ok && atOffice.value.ok).toBe(true);
    const third = await exportNow(a);
    const caught = await consolidate(p, [third.package]);
    expect(caught.outcomes[0]!.audit?.warnings.join(' ')).toMatch(/se borraron (o cambiaron )?entradas en la oficina/);
    // What the central held is never replaced.
    expect(chain(p.ctx.app.db, 'UIO-INAQUITO-01').slice(0, atP.length)).toEqual(atP);
  });

  it('an office vouches only for its own chain: entries of another station refuse the package', async () => {
    const { p, offices } = await nationalLoop([['UIO-INAQUITO-01', 'CAC Iñaquito']]);
    apps = [p, ...offices];
    const h = '0'.repeat(64);
    const entry = { id: 'x', stationCode: 'PV-01', stationSeq: 1, at: new Date().toISOString(), userId: null, username: null, userName: null, role: null, action: 'FICHA_ABIERTA', targetKind: null, targetId: null, customerId: null, description: 'Forjada.', detail: null, prevHash: h, hash: h };
    const path = join(p.dir, 'auditoria.json');
    writeFileSync(path, JSON.stringify({ format: 'recupera-auditoria', station: 'UIO-INAQUITO-01', head: null, entries: [entry], customers: {} }));
    await expect(readPackageAudit(path, 'UIO-INAQUITO-01')).rejects.toThrow(
      'El paquete de UIO-INAQUITO-01 trae entradas de auditoría de la estación PV-01; una estación solo responde por su propio registro. No se guardó nada de él.',
    );
    writeFileSync(path, '{"format":');
    await expect(readPackageAudit(path, 'UIO-INAQUITO-01')).rejects.toThrow(/está dañado/);
    expect(await readPackageAudit(undefined, 'UIO-INAQUITO-01')).toBeNull();
  });
});
