import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newWorkFolder, removeDeadWorkFolders } from '../../electron/files/workFolders';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('job scratch folders', () => {
  it('live in the data folder named for their process, and only a dead process’s are removed', async () => {
    const data = mkdtempSync(join(tmpdir(), 'recupera-work-'));
    dirs.push(data);
    const mine = await newWorkFolder(data, 'paquete');
    expect(mine.startsWith(join(data, 'trabajo', `paquete-p${process.pid}-`))).toBe(true);
    const dead = join(data, 'trabajo', 'correo-p999999-abc');
    mkdirSync(dead);
    writeFileSync(join(dead, 'adjunto.pdf'), 'x');
    // A stage file and an unrelated folder are not this sweep's business.
    writeFileSync(join(data, 'trabajo', 'base-1-p999999.sqlite'), 'x');
    mkdirSync(join(data, 'trabajo', 'otra'));
    const removed = await removeDeadWorkFolders(data, (pid) => pid === process.pid);
    expect(removed).toBe(1);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(mine)).toBe(true);
    expect(readdirSync(join(data, 'trabajo')).sort()).toEqual(['base-1-p999999.sqlite', 'otra', mine.split('/').pop()].sort());
  });

  it('does nothing when there is no work folder yet', async () => {
    const data = mkdtempSync(join(tmpdir(), 'recupera-work-'));
    dirs.push(data);
    expect(await removeDeadWorkFolders(data, () => false)).toBe(0);
  });
});
