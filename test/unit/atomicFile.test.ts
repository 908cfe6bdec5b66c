import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  atomicCost,
  copyFileAtomic,
  injectFileFault,
  produceFileAtomic,
  removeTemporaries,
  resetAtomicCost,
  TEMP_PREFIX,
  temporaryPathFor,
  writeFileAtomic,
  type FileStep,
} from '../../electron/files/atomicFile';
import { AppFailure } from '../../shared/result';

const STEPS: FileStep[] = ['write', 'sync', 'rename'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recupera-atomic-'));
});
afterEach(() => {
  injectFileFault(null);
  rmSync(dir, { recursive: true, force: true });
});

/** A Node-style file system error, as fs would throw it. */
function fsError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, write`), { code });
}

function failAt(step: FileStep, code: string): void {
  injectFileFault((s) => {
    if (s === step) throw fsError(code);
  });
}

async function failure(p: Promise<unknown>): Promise<AppFailure> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppFailure);
  return e as AppFailure;
}

/** What a user may read: Spanish only, none of Node's own words. */
function expectSpanishOnly(message: string): void {
  expect(message).not.toMatch(/ENOSPC|ENOENT|simulated|no space|no such file|directory|Error/);
}

describe('atomic file writer', () => {
  it('writes the whole file under its final name and leaves no temporary', async () => {
    const target = join(dir, 'informe.xlsx');
    await writeFileAtomic(target, 'contenido completo');
    expect(readFileSync(target, 'utf8')).toBe('contenido completo');
    expect(readdirSync(dir)).toEqual(['informe.xlsx']);
  });

  for (const step of STEPS) {
    it(`interrupted at "${step}": no file under the final name and no temporary`, async () => {
      const target = join(dir, 'paquete.recupera');
      failAt(step, 'ENOSPC');
      await failure(writeFileAtomic(target, Buffer.alloc(64 * 1024, 7)));
      expect(readdirSync(dir)).toEqual([]);
    });

    it(`interrupted at "${step}": an existing file under the final name is kept intact`, async () => {
      const target = join(dir, 'acta.pdf');
      writeFileSync(target, 'version anterior');
      failAt(step, 'EIO');
      await failure(writeFileAtomic(target, 'version nueva que no llega'));
      expect(readFileSync(target, 'utf8')).toBe('version anterior');
      expect(readdirSync(dir)).toEqual(['acta.pdf']);
    });
  }

  it('a producer that fails half-way leaves nothing behind, and its own error goes on as it is', async () => {
    const target = join(dir, 'base.xlsx');
    class Cancelled extends Error {}
    const e: unknown = await produceFileAtomic(target, async (temporary) => {
      const handle = await open(temporary, 'wx');
      await handle.writeFile('media fila');
      await handle.close();
      throw new Cancelled();
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(Cancelled);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a full disk (ENOSPC) is said in Spanish, naming the folder', async () => {
    failAt('write', 'ENOSPC');
    const e = await failure(writeFileAtomic(join(dir, 'x.xlsx'), 'x'));
    expect(e.kind).toBe('refused');
    expect(e.message).toContain(dir);
    expect(e.message).toContain('No hay espacio suficiente');
    expectSpanishOnly(e.message);
  });

  it('a folder that vanished (ENOENT) is said in Spanish, naming the folder', async () => {
    failAt('rename', 'ENOENT');
    const e = await failure(copyFileAtomic(__filename, join(dir, 'copia.ts')));
    expect(e.kind).toBe('not_found');
    expect(e.message).toContain(dir);
    expect(e.message).toContain('ya no existe');
    expectSpanishOnly(e.message);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a target whose folder is a file (ENOTDIR, not injected) is refused in Spanish', async () => {
    const notAFolder = join(dir, 'archivo');
    writeFileSync(notAFolder, 'x');
    const e = await failure(writeFileAtomic(join(notAFolder, 'informe.xlsx'), 'x'));
    expect(e.message).toContain(notAFolder);
    expectSpanishOnly(e.message);
    expect(readdirSync(dir)).toEqual(['archivo']);
  });

  it('a copy is whole, the source untouched', async () => {
    const source = join(dir, 'origen.bin');
    const bytes = Buffer.alloc(3 * 1024 * 1024, 9);
    writeFileSync(source, bytes);
    mkdirSync(join(dir, 'usb'));
    await copyFileAtomic(source, join(dir, 'usb', 'origen.bin'));
    expect(readFileSync(join(dir, 'usb', 'origen.bin')).equals(bytes)).toBe(true);
    expect(readdirSync(join(dir, 'usb'))).toEqual(['origen.bin']);
  });

  it('temporaries are hidden and cut long names so they can still be made', () => {
    const t = temporaryPathFor(join(dir, `${'a'.repeat(240)}.xlsx`));
    expect(t.startsWith(join(dir, TEMP_PREFIX))).toBe(true);
    expect(t.slice(dir.length + 1).length).toBeLessThan(255);
  });

  it('counts the time spent making files durable', async () => {
    resetAtomicCost();
    await writeFileAtomic(join(dir, 'a.txt'), 'a');
    await writeFileAtomic(join(dir, 'b.txt'), 'b');
    failAt('rename', 'EIO');
    await failure(writeFileAtomic(join(dir, 'c.txt'), 'c'));
    const cost = atomicCost();
    expect(cost.files).toBe(2);
    expect(cost.millis).toBeGreaterThan(0);
    resetAtomicCost();
    expect(atomicCost()).toEqual({ files: 0, millis: 0 });
  });
});

describe('removeTemporaries', () => {
  function leftovers(): string[] {
    mkdirSync(join(dir, 'actas', 'UIO-01-2026'), { recursive: true });
    mkdirSync(join(dir, 'respaldos', 'ab'), { recursive: true });
    const temps = [
      temporaryPathFor(join(dir, 'reporte.xlsx')),
      temporaryPathFor(join(dir, 'actas', 'UIO-01-2026', 'UIO-01-2026-000001.pdf')),
      temporaryPathFor(join(dir, 'respaldos', 'ab', 'ab12.pdf')),
    ];
    for (const t of temps) writeFileSync(t, 'a medias');
    // Files that are not leftovers stay, whatever their names look like.
    writeFileSync(join(dir, 'reporte.xlsx'), 'entero');
    writeFileSync(join(dir, `${TEMP_PREFIX}nota.txt`), 'no es temporal');
    writeFileSync(join(dir, 'actas', 'UIO-01-2026', 'UIO-01-2026-000001.pdf'), 'entero');
    return temps;
  }

  it('removes the leftovers of a killed run in the folders given, not in their subfolders', async () => {
    leftovers();
    expect(await removeTemporaries([dir, join(dir, 'no-existe')])).toBe(1);
    expect(readdirSync(dir).sort()).toEqual([`${TEMP_PREFIX}nota.txt`, 'actas', 'reporte.xlsx', 'respaldos']);
    expect(readdirSync(join(dir, 'respaldos', 'ab'))).toHaveLength(1);
  });

  it('with recursive, removes them in every subfolder too and keeps every finished file', async () => {
    leftovers();
    expect(await removeTemporaries([dir], { recursive: true })).toBe(3);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(
      [
        `${TEMP_PREFIX}nota.txt`,
        'actas',
        join('actas', 'UIO-01-2026'),
        join('actas', 'UIO-01-2026', 'UIO-01-2026-000001.pdf'),
        'reporte.xlsx',
        'respaldos',
        join('respaldos', 'ab'),
      ].sort(),
    );
    expect(await removeTemporaries([dir], { recursive: true })).toBe(0);
  });
});
