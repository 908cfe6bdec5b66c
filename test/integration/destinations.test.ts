import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../../electron/handlers/call';
import { stationsSaveIdentity } from '../../shared/contracts/stations';
import { syncDepurate, syncExport } from '../../shared/contracts/sync';
import { updatesPublish } from '../../shared/contracts/updates';
import { admin, testApp, type TestApp } from '../helpers/app';
import { coordinator, office, posventa } from '../helpers/offices';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

/** The same app, called the way a window or a browser client calls it (no `origin`). */
function asWindow(t: TestApp, user: typeof admin) {
  return { app: t.ctx.app, session: { user } };
}

describe('a destination is named only from the command line', () => {
  it('a window naming a folder to write a package, a depuración, an update or an identity file is refused, and nothing is written there', async () => {
    const o = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    const central = await testApp({ station: { code: 'PV-01', office: 'Posventa' }, central: true });
    open.push(o, central);
    const elsewhere = mkdtempSync(join(o.dir, 'fuera-'));
    const win = asWindow(o, coordinator);
    const pv = asWindow(central, posventa);
    const calls = [
      call(win, syncExport, { from: '2026-01-01', to: '2026-12-31', includeDocuments: false, destination: elsewhere }),
      call(asWindow(o, admin), stationsSaveIdentity, { path: join(elsewhere, 'identidad.json') }),
      call(pv, updatesPublish, { destination: elsewhere }),
      call(pv, syncDepurate, { destination: elsewhere }),
    ];
    for (const r of await Promise.all(calls)) {
      expect(r).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringContaining('línea de comandos') } });
    }
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('the command line still names its folder', async () => {
    const o = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    open.push(o);
    o.ctx.session.user = admin;
    const folder = mkdtempSync(join(o.dir, 'usb-'));
    const r = await call(o.ctx, stationsSaveIdentity, { path: folder });
    expect(r.ok).toBe(true);
    expect(readdirSync(folder)).toEqual(['identidad_UIO-INAQUITO-01.json']);
  });
});
