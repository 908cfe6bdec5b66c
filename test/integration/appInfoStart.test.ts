import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appInfo } from '../../shared/contracts/app';
import { authLock } from '../../shared/contracts/auth';
import { call } from '../../electron/handlers/call';
import type * as Customers from '../../electron/db/customers';
import { baseCounts } from '../../electron/db/customers';
import type { TestApp } from '../helpers/app';
import { clerk, office } from '../helpers/offices';

// The real counts, watched: the sign-in screen's app:info must not count the base (three scans of a
// million rows held the first screen of the browser mode for about a second).
vi.mock('../../electron/db/customers', async (importOriginal) => {
  const real = await importOriginal<typeof Customers>();
  return { ...real, baseCounts: vi.fn(real.baseCounts) };
});

let t: TestApp;
beforeEach(async () => {
  t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
  vi.mocked(baseCounts).mockClear();
});
afterEach(async () => {
  await t.close();
});

async function info(user: typeof clerk | null, locked = false) {
  const r = await call({ app: t.ctx.app, session: { user, locked } }, appInfo, {});
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('app:info at the sign-in screen', () => {
  it('answers a signed-out client without counting the base', async () => {
    const r = await info(null);
    expect(r).toMatchObject({ initialized: true, needsAdmin: false, user: null, counts: null, station: { code: 'UIO-INAQUITO-01' } });
    expect(baseCounts).not.toHaveBeenCalled();
  });

  it('does not count for a locked session either', async () => {
    const ctx = { app: t.ctx.app, session: { user: clerk } };
    const locked = await call(ctx, authLock, {});
    expect(locked.ok).toBe(true);
    const r = await call(ctx, appInfo, {});
    expect(r.ok && r.value).toMatchObject({ locked: true, counts: null });
    expect(baseCounts).not.toHaveBeenCalled();
  });

  it('gives the signed-in search screen the size of the base', async () => {
    const r = await info(clerk);
    expect(r.counts).toEqual({ customers: 4, services: 5, items: 6 });
    expect(baseCounts).toHaveBeenCalledTimes(1);
  });
});
