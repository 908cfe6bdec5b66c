import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackupFile } from '../../electron/backups/fileStore';
import { writeDemoWorkbook } from '../../electron/demo/generate';
import { injectFileFault, type FileStep } from '../../electron/files/atomicFile';
import { storeActaPdf } from '../../electron/handovers/actaDocument';
import type { PdfRenderer } from '../../electron/pdf/pdfRenderer';
import { writeZip } from '../../electron/sync/zipWrite';
import { TableSheet, writeWorkbook, type Workbook } from '../../electron/xlsx/tableWriter';
import type { ActaView } from '../../shared/contracts/handovers';
import { AppFailure } from '../../shared/result';
import { unzip } from '../helpers/packages';
import { validPdf } from '../helpers/documents';

// The app's real writers under a failure injected through the writer's seam: nothing half-made
// may appear under a final name, and no temporary may be left behind.
const STEPS: FileStep[] = ['write', 'sync', 'rename'];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recupera-writers-'));
});
afterEach(() => {
  injectFileFault(null);
  rmSync(dir, { recursive: true, force: true });
});

function failAt(step: FileStep, code = 'ENOSPC'): void {
  injectFileFault((s) => {
    if (s === step) throw Object.assign(new Error(`${code}: simulated`), { code });
  });
}

async function refusal(p: Promise<unknown>): Promise<AppFailure> {
  const e: unknown = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppFailure);
  expect((e as AppFailure).message).not.toMatch(/ENOSPC|simulated|Error/);
  return e as AppFailure;
}

/** Every file under `root`, temporaries included. */
function everything(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

/** Whether the last fill has ended (returned or thrown): a fill left waiting would hold a query open. */
let fillEnded = false;

async function table(target: string, rows: number, during?: (wb: Workbook, row: number) => void): Promise<void> {
  fillEnded = false;
  await writeWorkbook(target, async (wb) => {
    try {
      const sheet = new TableSheet(wb, 'Datos', [{ header: 'IDENTIFICACION', type: 'text' }, { header: 'NOMBRE' }, { header: 'VALOR', type: 'money' }]);
      for (let i = 1; i <= rows; i++) {
        sheet.add([String(1700000000 + i), `CLIENTE ${i} ${'X'.repeat(40)}`, i / 100]);
        during?.(wb, i);
        if (i % 500 === 0) await sheet.settle();
      }
      sheet.commit();
    } finally {
      fillEnded = true;
    }
  });
}

describe('workbooks (tableWriter)', () => {
  it('a whole workbook under its final name, readable, nothing else in the folder', async () => {
    const target = join(dir, 'reporte.xlsx');
    await table(target, 1200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    expect(wb.getWorksheet('Datos')?.rowCount).toBe(1201);
    expect(everything(dir)).toEqual(['reporte.xlsx']);
  });

  for (const step of STEPS) {
    it(`interrupted at "${step}": no workbook and no temporary; an earlier one is kept`, async () => {
      const target = join(dir, 'DEP-2026-0001_base_depurada.xlsx');
      failAt(step);
      await refusal(table(target, 1200));
      expect(everything(dir)).toEqual([]);

      writeFileSync(target, 'libro anterior');
      await refusal(table(target, 1200));
      expect(readFileSync(target, 'utf8')).toBe('libro anterior');
      expect(everything(dir)).toEqual(['DEP-2026-0001_base_depurada.xlsx']);
    });
  }

  it('a disk that fills up mid-write stops the sheet and leaves nothing, in Spanish naming the folder', async () => {
    const target = join(dir, 'carga.xlsx');
    let rowsAfter = 0;
    let broken = false;
    const e = await refusal(
      table(target, 20_000, (wb, row) => {
        if (broken) rowsAfter++;
        if (row === 3000) {
          broken = true;
          // What the file stream does when the disk is full: it fails with ENOSPC and is destroyed.
          (wb as unknown as { stream: NodeJS.WritableStream & { destroy(e: Error): void } }).stream.destroy(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        }
      }),
    );
    expect(e.message).toContain(dir);
    expect(e.message).toContain('No hay espacio suficiente');
    // The sheet stopped at its next pause instead of writing on (or waiting forever) into a dead stream.
    await new Promise((r) => setTimeout(r, 200));
    expect(fillEnded).toBe(true);
    expect(rowsAfter).toBeLessThan(1000);
    expect(everything(dir)).toEqual([]);
  });

  it('a fill that stops (a cancel) leaves nothing and its own error goes on', async () => {
    class Cancelled extends Error {}
    const e: unknown = await table(join(dir, 'c.xlsx'), 5000, (_wb, row) => {
      if (row === 2500) throw new Cancelled();
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(Cancelled);
    expect(everything(dir)).toEqual([]);
  });

  it('the demo base workbook is written the same way', async () => {
    failAt('rename');
    await refusal(writeDemoWorkbook(join(dir, 'base-demo.xlsx'), { customers: 50, seed: 3 }));
    expect(everything(dir)).toEqual([]);
    injectFileFault(null);
    const { rows } = await writeDemoWorkbook(join(dir, 'base-demo.xlsx'), { customers: 50, seed: 3 });
    expect(rows).toBeGreaterThan(0);
    expect(everything(dir)).toEqual(['base-demo.xlsx']);
  });
});

describe('package zip (writeZip)', () => {
  const entries = () => [
    { name: 'manifest.json', data: Buffer.from('{"formatVersion":1}'), compress: true },
    { name: 'datos.sqlite', data: Buffer.alloc(256 * 1024, 3), compress: true },
  ];

  it('writes the whole zip and returns the SHA-256 of what is on disk', async () => {
    const target = join(dir, 'UIO-INAQUITO-01_20260301-1000.recupera');
    const sha = await writeZip(target, entries());
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(readFileSync(target)).digest('hex')).toBe(sha);
    expect([...(await unzip(target)).keys()]).toEqual(['manifest.json', 'datos.sqlite']);
    expect(everything(dir)).toEqual(['UIO-INAQUITO-01_20260301-1000.recupera']);
  });

  for (const step of STEPS) {
    it(`interrupted at "${step}": no package and no temporary`, async () => {
      failAt(step, 'ENOENT');
      const e = await refusal(writeZip(join(dir, 'p.recupera'), entries()));
      expect(e.message).toContain('ya no existe');
      expect(everything(dir)).toEqual([]);
    });
  }

  it('a document that vanished before it was zipped fails the zip and leaves nothing', async () => {
    const e: unknown = await writeZip(join(dir, 'p.recupera'), [...entries(), { name: 'actas/x.pdf', path: join(dir, 'no-existe.pdf'), compress: false }]).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(Error);
    expect(everything(dir)).toEqual([]);
  });
});

describe('acta PDFs and respaldo documents', () => {
  const PDF = validPdf();
  const renderer: PdfRenderer = { render: () => Promise.resolve(PDF), close: () => Promise.resolve() };
  const acta = { number: 'UIO-INAQUITO-01-2026-000001' } as ActaView;

  for (const step of STEPS) {
    it(`an acta PDF interrupted at "${step}" leaves no PDF and no temporary`, async () => {
      failAt(step);
      await refusal(storeActaPdf(dir, renderer, acta, '<p>acta</p>', 'original'));
      expect(everything(dir)).toEqual([]);
    });

    it(`a respaldo document interrupted at "${step}" leaves nothing in respaldos/`, async () => {
      const source = join(dir, 'entrada.pdf');
      writeFileSync(source, PDF);
      failAt(step);
      await refusal(storeBackupFile(join(dir, 'datos'), source, 'entrada.pdf'));
      expect(existsSync(join(dir, 'datos')) ? everything(join(dir, 'datos')) : []).toEqual([]);
    });
  }

  it('without a fault the original is archived whole', async () => {
    const path = await storeActaPdf(dir, renderer, acta, '<p>acta</p>', 'original');
    expect(path).toBe(join(dir, 'actas', 'UIO-INAQUITO-01-2026', 'UIO-INAQUITO-01-2026-000001.pdf'));
    expect(readFileSync(path).equals(PDF)).toBe(true);
    expect(everything(dir)).toEqual(['UIO-INAQUITO-01-2026-000001.pdf']);
  });
});
