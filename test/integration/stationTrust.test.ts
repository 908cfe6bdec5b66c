import { afterEach, describe, expect, it } from 'vitest';
import { verifySignature } from '../../electron/auth/stationKeys';
import { centralStation, getLocalStationKey, trustedKeyOf } from '../../electron/db/stations';
import { testApp, type TestApp } from '../helpers/app';
import { linkStations } from '../helpers/trust';

const open: TestApp[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

describe('station keys at setup', () => {
  it('gives every new station a key pair; the central is marked as such and trusted by the offices linked to it', async () => {
    const p = await testApp({ station: { code: 'PV-01', office: 'Posventa' }, central: true });
    const a = await testApp({ station: { code: 'UIO-01', office: 'CAC Iñaquito' } });
    open.push(p, a);
    const pk = await p.ctx.app.stationKey();
    const ak = await a.ctx.app.stationKey();
    expect(getLocalStationKey(p.ctx.app.db)).toMatchObject({ role: 'CENTRAL', public_key: pk.publicKey, fingerprint: pk.fingerprint });
    expect(getLocalStationKey(a.ctx.app.db)).toMatchObject({ role: 'OFICINA', public_key: ak.publicKey });
    expect(pk.publicKey).not.toBe(ak.publicKey);
    expect(verifySignature(ak.publicKey, 'x', ak.sign('x'))).toBe(true);

    expect(trustedKeyOf(p.ctx.app.db, 'UIO-01')).toBeNull();
    expect(centralStation(a.ctx.app.db)).toBeNull();
    await linkStations(p.ctx.app, [a.ctx.app]);
    expect(trustedKeyOf(p.ctx.app.db, 'UIO-01')).toBe(ak.publicKey);
    expect(centralStation(a.ctx.app.db)).toMatchObject({ code: 'PV-01', public_key: pk.publicKey });
  });
});
