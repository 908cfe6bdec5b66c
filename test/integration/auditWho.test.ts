import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runWrite } from '../../electron/db/writeSession';
import type { TestApp } from '../helpers/app';
import { forgePackage } from '../helpers/forge';
import { consolidate, exportNow, nationalLoop, registerBackup } from '../helpers/nationalLoop';

// Who did something stays with the station where it was done: an office's package never rewrites
// the "who" of a record made at the central, and an office's entries and records keep their station.

let apps: TestApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

const who = (t: TestApp, id: string) =>
  runWrite(t.ctx.app.db, (tx) => tx.prepare('SELECT origin_station, created_by, status FROM backups WHERE id = ?').get(id) as Record<string, string> | undefined);

describe('who did it, across a package', () => {
  it('a package signed by the office cannot rewrite a central record’s who, nor vouch for another station’s audit entries; its own keep their station', async () => {
    const { p, offices } = await nationalLoop([['UIO-INAQUITO-01', 'CAC Iñaquito']]);
    apps = [p, ...offices];
    const a = offices[0]!;
    const atCentral = await registerBackup(p, '0102030400', '3003');
    const atOffice = await registerBackup(a, '1712345675', '1001');
    const genuine = (await exportNow(a)).package;
    const key = await a.ctx.app.stationKey();
    const before = who(p, atCentral);
    expect(before).toMatchObject({ origin_station: 'PV-01' });

    const claim = await forgePackage(genuine, join(a.dir, 'reclamo.recupera'), {
      data: (db) => db.prepare("UPDATE backups SET id = ?, created_by = 'Otra Persona' WHERE id = ?").run(atCentral, atOffice),
      signer: key,
    });
    const h = '0'.repeat(64);
    const foreignEntry = { id: 'x', stationCode: 'PV-01', stationSeq: 1, at: new Date().toISOString(), userId: null, username: 'admin', userName: 'Otra Persona', role: 'ADMIN', action: 'FICHA_ABIERTA', targetKind: null, targetId: null, customerId: null, description: 'Forjada.', detail: null, prevHash: h, hash: h };
    const vouch = await forgePackage(genuine, join(a.dir, 'ajeno.recupera'), {
      documents: { 'auditoria.json': Buffer.from(JSON.stringify({ format: 'recupera-auditoria', station: 'UIO-INAQUITO-01', head: null, entries: [foreignEntry], customers: {} })) },
      signer: key,
    });
    const r = await consolidate(p, [claim, vouch]);
    expect(r.refused.map((x) => x.reason)).toEqual([
      expect.stringContaining('reemplazaría un respaldo que aquí es de la estación PV-01'),
      'El paquete de UIO-INAQUITO-01 trae entradas de auditoría de la estación PV-01; una estación solo responde por su propio registro. No se guardó nada de él.',
    ]);
    expect(who(p, atCentral)).toEqual(before);
    const forged = runWrite(p.ctx.app.db, (tx) => tx.prepare("SELECT count(*) FROM audit_log WHERE description = 'Forjada.'").pluck().get());
    expect(forged).toBe(0);

    const ok = await consolidate(p, [genuine]);
    expect(ok.refused).toEqual([]);
    expect(who(p, atOffice)).toEqual(who(a, atOffice));
    expect(who(p, atOffice)).toMatchObject({ origin_station: 'UIO-INAQUITO-01' });
    const stations = runWrite(p.ctx.app.db, (tx) => tx.prepare('SELECT DISTINCT station_code FROM audit_log ORDER BY 1').pluck().all());
    expect(stations).toEqual(['PV-01', 'UIO-INAQUITO-01']);
  });
});
