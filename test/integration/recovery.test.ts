import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSealed } from '../../electron/files/sealedFile';
import { keptBytes } from '../helpers/kept';
import { actaDate } from '../../shared/acta/template';
import { handoversPdf } from '../../shared/contracts/handovers';
import { importStart } from '../../shared/contracts/importBase';
import { jobsHistory } from '../../shared/contracts/jobs';
import { closeServices, createServices } from '../../electron/app/services';
import { IMPORT_LOST, INTERRUPTED_QUEUED, INTERRUPTED_RUNNING } from '../../electron/app/recovery';
import { newId } from '../../electron/db/ids';
import { saveJob, type JobRow } from '../../electron/db/jobs';
import { beginStagedApply } from '../../electron/db/stagedApplies';
import { runWrite } from '../../electron/db/writeSession';
import { call } from '../../electron/handlers/call';
import type { PdfRenderer } from '../../electron/pdf/pdfRenderer';
import { clerk, coordinator, office, returnSerials } from '../helpers/offices';
import type { TestApp } from '../helpers/app';
import { d, HEADER, writeWorkbook } from '../helpers/workbooks';
import { pick } from '../helpers/files';

let t: TestApp;
afterEach(async () => {
  await t.close();
});

/** A process id that was running a moment ago and is gone: what a crash leaves in the jobs table. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '']).pid!;

/** A renderer that counts what it is asked to render: starting none is the point when nothing is missing. */
function countingRenderer(): PdfRenderer & { renders: number } {
  const r = {
    renders: 0,
    render: () => {
      r.renders++;
      return Promise.resolve(Buffer.from('%PDF-1.4 prueba'));
    },
    close: () => Promise.resolve(),
  };
  return r;
}

/** Closes the app and starts it again on the same data folder, as after a crash. */
async function restart(pdf?: PdfRenderer): Promise<void> {
  await closeServices(t.ctx.app);
  t.ctx.app = createServices({ dbPath: t.dbPath, dataDir: t.dir, ...(pdf ? { pdf } : {}) });
}

function job(row: Partial<JobRow>): JobRow {
  return {
    id: newId(), kind: 'export', status: 'running', userId: null, subject: null, stage: null, message: null, pid: null,
    queuedAt: '2026-04-01T10:00:00.000Z', startedAt: '2026-04-01T10:00:01.000Z', finishedAt: null, ...row,
  };
}

const jobRow = (id: string) =>
  t.ctx.app.db.prepare('SELECT status, message, finished_at AS finishedAt FROM jobs WHERE id = ?').get(id) as { status: string; message: string | null; finishedAt: string | null };

describe('recovery on start', () => {
  it('marks the jobs a dead process left running or queued as interrupted, saying what to do; a live process keeps its own', async () => {
    t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    const running = job({ pid: deadPid(), stage: 'Escribiendo entregas' });
    const queued = job({ kind: 'depurate', status: 'queued', startedAt: null });
    const alive = job({ kind: 'consolidate', pid: process.pid });
    runWrite(t.ctx.app.db, (tx) => [running, queued, alive].forEach((j) => saveJob(tx, j)));
    await restart(countingRenderer());

    expect(jobRow(running.id)).toMatchObject({ status: 'interrupted', message: INTERRUPTED_RUNNING, finishedAt: expect.any(String) });
    expect(jobRow(queued.id)).toMatchObject({ status: 'interrupted', message: INTERRUPTED_QUEUED });
    expect(INTERRUPTED_RUNNING).toContain('Vuelva a ejecutarla');
    expect(jobRow(alive.id)).toMatchObject({ status: 'running', message: null });
  });

  it('puts the outcome of a base import interrupted while applying on its job', async () => {
    t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    const importing = job({ kind: 'importBase', subject: 'BASE MAYO.xlsx', pid: deadPid(), stage: 'Aplicando la base' });
    runWrite(t.ctx.app.db, (tx) => {
      saveJob(tx, importing);
      // Its stage file went with the crash: the apply cannot be finished, and the job says so.
      const record = { id: newId(), kind: 'BASE' as const, fileName: 'BASE MAYO.xlsx', sha256: 'ab'.repeat(32), rows: 1, inserted: 1, updated: 0, rejected: 0, userId: null };
      beginStagedApply(tx, { id: newId(), stagePath: join(t.dir, 'trabajo', 'perdida.sqlite'), phase: 'services', nextNum: 1, record: record as never }, '2026-04-01T10:00:02.000Z');
    });
    await restart(countingRenderer());
    expect(jobRow(importing.id)).toMatchObject({ status: 'interrupted', message: IMPORT_LOST });
    expect(t.ctx.app.db.prepare('SELECT count(*) FROM staged_applies').pluck().get()).toBe(0);
  });

  it('archives the original PDF of an acta saved without one or whose file is gone, with its own date, not as a reprint', async () => {
    t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    const unprinted = await returnSerials(t, '1712345675', ['HW-1']);
    const lostFile = await returnSerials(t, '0102030400', ['KA-9']);
    const printed = await call(t.ctx, handoversPdf, { id: lostFile.id, reprint: false });
    if (!printed.ok || !printed.value.path) throw new Error('the acta was not archived');
    rmSync(printed.value.path);
    // Saved on an earlier day: its PDF carries that day, not the day it is archived.
    const deliveredAt = '2026-01-15T15:30:00.000Z';
    runWrite(t.ctx.app.db, (tx) => tx.prepare('UPDATE handovers SET delivered_at = ? WHERE id = ?').run(deliveredAt, unprinted.id));

    await restart();
    const recovered = await t.ctx.app.recovery;
    expect(recovered.archived.sort()).toEqual([unprinted.number, lostFile.number].sort());
    expect(recovered.failed).toEqual([]);
    for (const acta of [unprinted, lostFile]) {
      const path = t.ctx.app.db.prepare('SELECT pdf_path FROM handovers WHERE id = ?').pluck().get(acta.id) as string;
      expect(path.endsWith(`${acta.number}.pdf`)).toBe(true);
      // Archived sealed (files/sealedFile.ts): read in clear as a person opening it would.
      expect(await isSealed(path)).toBe(true);
      const text = execFileSync('pdftotext', ['-', '-'], { input: await keptBytes(path), encoding: 'utf8' });
      expect(text).toContain(acta.number);
      expect(text).not.toContain('REIMPRESIÓN');
      if (acta === unprinted) expect(text).toContain(actaDate(deliveredAt).words);
    }

    // Every acta has its PDF now: the next start renders nothing.
    const renderer = countingRenderer();
    await restart(renderer);
    expect(await t.ctx.app.recovery).toMatchObject({ archived: [], failed: [] });
    expect(renderer.renders).toBe(0);
  });

  it('removes the temporaries a killed run left, and keeps those a live process is writing and every other file', async () => {
    t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    await t.ctx.app.recovery;
    const dead = deadPid();
    const leftovers = [
      join(t.dir, `.recupera-recupera.sqlite.copia.${dead}-0a1b2c3d.tmp`),
      join(t.dir, 'reportes', `.recupera-BASE.xlsx.${dead}-0a1b2c3d.tmp`),
      join(t.dir, 'actas', 'UIO-INAQUITO-01-2026', `.recupera-UIO-INAQUITO-01-2026-000001.pdf.${dead}-11223344.tmp`),
      join(t.dir, 'depuraciones', 'DEP-2026-0001', `.recupera-base_depurada.xlsx.${dead}-55667788.tmp`),
    ];
    const kept = [
      join(t.dir, 'paquetes', `.recupera-UIO_20260401-1000.recupera.${process.pid}-99aabbcc.tmp`),
      join(t.dir, 'reportes', 'BASE_reporte.xlsx'),
      join(t.dir, 'otra-carpeta', `.recupera-ajeno.${dead}-0a1b2c3d.tmp`),
    ];
    for (const f of [...leftovers, ...kept]) {
      mkdirSync(join(f, '..'), { recursive: true });
      writeFileSync(f, 'medio archivo');
    }
    await restart(countingRenderer());
    expect((await t.ctx.app.recovery).temporaries).toBe(leftovers.length);
    for (const f of leftovers) expect(existsSync(f), f).toBe(false);
    for (const f of kept) expect(existsSync(f), f).toBe(true);
    expect(readdirSync(join(t.dir, 'actas', 'UIO-INAQUITO-01-2026'))).toEqual([]);
  });
});

describe('jobs:history', () => {
  it('lists the jobs that ran, newest first, with how they ended; an ASESOR may not read it', async () => {
    t = await office('UIO-INAQUITO-01', 'CAC Iñaquito');
    const file = join(t.dir, 'BASE JUNIO.xlsx');
    await writeWorkbook(file, [{ name: 'Base', rows: [HEADER, ['PICHINCHA', 1712345675, 'PÉREZ LÓPEZ JUAN CARLOS', 'Internet Fijo', 1001, d(2020, 5, 10), 'MODEM', 'HUAWEI', 'HG8245H', 'HW-1', 45, 'NO', 'NO', 'NO', '', '']] }]);
    t.ctx.session.user = coordinator;
    for (const mode of ['preview', 'inspect'] as const) {
      const started = await call(t.ctx, importStart, { file: pick(t.ctx.session, file), mode });
      if (!started.ok) throw new Error(started.error.message);
      await t.ctx.app.jobs.wait(started.value.jobId);
    }
    const older = job({ status: 'done', message: 'Paquete anterior.', queuedAt: '2020-01-01T10:00:00.000Z', finishedAt: '2020-01-01T10:01:00.000Z' });
    runWrite(t.ctx.app.db, (tx) => saveJob(tx, older));

    const r = await call(t.ctx, jobsHistory, {});
    if (!r.ok) throw new Error(r.error.message);
    // The inspection only read the file: it is not a job the history keeps.
    expect(r.value.jobs.map((j) => j.kind)).toEqual(['importBase', 'export']);
    expect(r.value.jobs[0]).toMatchObject({
      status: 'done',
      subject: 'BASE JUNIO.xlsx',
      userName: null,
      message: expect.stringMatching(/^Vista previa \(no se guardó nada\)\. 1 filas: /),
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
    });
    expect(r.value.jobs[1]).toMatchObject({ id: older.id, message: 'Paquete anterior.' });

    t.ctx.session.user = clerk;
    expect(await call(t.ctx, jobsHistory, {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
  });
});
