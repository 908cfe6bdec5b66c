import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SessionUser } from '../../shared/contracts/app';
import { closeServices, createServices, type CallContext } from '../../electron/app/services';
import { setupInit } from '../../shared/contracts/app';
import { call } from '../../electron/handlers/call';
import { setPasswordCostForTests } from '../../electron/auth/password';

// Every test app hashes its administrator's password; at the real cost (N = 2^17, half a second
// each) the suite would spend minutes on it. The sessions test checks the real cost on its own.
setPasswordCostForTests({ N: 1024, r: 8, p: 1 });

export interface TestApp {
  dir: string;
  dbPath: string;
  ctx: CallContext;
  close(): Promise<void>;
}

export const admin: SessionUser = { id: 'test-admin', username: 'admin', fullName: 'Admin de Pruebas', role: 'ADMIN' };

/** A real app on a temp database with the real migrations; `init` also runs the first-run setup. */
export async function testApp(opts: { init?: boolean; station?: { code: string; office: string }; central?: boolean } = { init: true }): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'recupera-test-'));
  const dbPath = join(dir, 'recupera.sqlite');
  const app = createServices({ dbPath, dataDir: dir });
  // Tests drive the handlers as the command line does (they name output folders); a window's refusal
  // to name one is tested in destinations.test.ts.
  const ctx: CallContext = { app, session: { user: null, origin: 'cli' } };
  if (opts.init !== false) {
    const r = await call(ctx, setupInit, {
      stationCode: opts.station?.code ?? 'UIO-INAQUITO-01',
      office: opts.station?.office ?? 'CAC Iñaquito',
      admin: { username: 'admin', fullName: 'Admin de Pruebas', password: 'clave-segura-1' },
      ...(opts.central ? { central: true } : {}),
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  return {
    dir,
    dbPath,
    ctx,
    close: async () => {
      await closeServices(app);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
