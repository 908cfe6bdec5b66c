import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { receivedDataProblem } from '../../electron/sync/receivedData';
import { testApp, type TestApp } from '../helpers/app';

let t: TestApp | null = null;
afterAll(async () => {
  await t?.close();
});

/** A received data file holding a table Recupera never writes. */
function forged(dir: string): string {
  const path = join(dir, 'datos-forjados.sqlite');
  const db = new Database(path);
  db.exec('CREATE TABLE intrusa (x TEXT)');
  db.close();
  return path;
}

describe('the refusal of a received data file that Recupera did not write', () => {
  it('agrees with what it speaks of: a package «armado … o alterado», an update «armada … o alterada»', async () => {
    t = await testApp();
    const path = forged(t.dir);
    expect(receivedDataProblem(t.ctx.app.db, path, { kind: 'package', station: 'UIO-INAQUITO-01' })).toContain('(fue armado a mano o alterado)');
    expect(receivedDataProblem(t.ctx.app.db, path, { kind: 'update', seq: 3 })).toContain('(fue armada a mano o alterada)');
  });
});
