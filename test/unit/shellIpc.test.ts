import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { SHELL_CHANNELS } from '../../shared/contracts/shell';
import type { Result } from '../../shared/result';
import { resolveFileToken } from '../../electron/app/fileTokens';
import { reportDir, type Session } from '../../electron/app/services';
import { storeBackupBytes } from '../../electron/backups/fileStore';
import { runWrite } from '../../electron/db/writeSession';
import { keepCopy } from '../../electron/files/sealedFile';
import type { ViewedDocument } from '../../electron/shell/docScheme';
import { registerShellIpc, type SaveDialogOptions } from '../../electron/shell/shellIpc';
import { LIMITS } from '../../electron/spreadsheet/limits';
import { RENDERER_URL } from '../../electron/shell/appScheme';
import { admin, testApp, type TestApp } from '../helpers/app';
import { validPdf } from '../helpers/documents';

type Listener = (event: IpcMainInvokeEvent, input: unknown) => Promise<Result<unknown>>;

let t: TestApp;
let outside: string;
const handlers = new Map<string, Listener>();
const sessions = new Map<number, Session>();
const opened: Array<{ doc: ViewedDocument; senderId: number }> = [];
let dialogAnswer: string | null = null;
const dialogs: SaveDialogOptions[] = [];

function ev(senderId: number, url: string | null = RENDERER_URL): IpcMainInvokeEvent {
  return { sender: { id: senderId }, senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent;
}
function call(channel: string, e: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> {
  return handlers.get(channel)!(e, input);
}

beforeAll(async () => {
  t = await testApp();
  outside = mkdtempSync(join(tmpdir(), 'recupera-elegidos-'));
  registerShellIpc({ handle: (channel: string, fn: Listener) => handlers.set(channel, fn) } as never, {
    app: t.ctx.app,
    rendererUrl: RENDERER_URL,
    sessions,
    chooseSavePath: (_id, options) => {
      dialogs.push(options);
      return Promise.resolve(dialogAnswer);
    },
    openViewer: (doc, senderId) => opened.push({ doc, senderId }),
  });
});

afterAll(async () => {
  await t.close();
  rmSync(outside, { recursive: true, force: true });
});

beforeEach(() => {
  sessions.clear();
  sessions.set(1, { user: admin });
  sessions.set(2, { user: null });
  sessions.set(3, { user: admin, locked: true });
  opened.length = 0;
  dialogs.length = 0;
  dialogAnswer = null;
});

describe('shell channels refuse', () => {
  it('registers the three shell channels', () => {
    expect([...handlers.keys()].sort()).toEqual(Object.values(SHELL_CHANNELS).sort());
  });

  it('a frame that is not our page, a signed-out or locked window, a window with no session', async () => {
    const file = join(outside, 'base.csv');
    writeFileSync(file, 'a;b\n');
    const inputs: Record<string, unknown> = {
      [SHELL_CHANNELS.fileToken]: { path: file },
      [SHELL_CHANNELS.saveCopy]: { path: join(reportDir(t.ctx.app), 'r.xlsx'), suggestedName: 'r.xlsx' },
      [SHELL_CHANNELS.viewDocument]: { sha256: 'a'.repeat(64), of: { kind: 'correo', id: 'correo-1' }, name: 'acta.pdf' },
    };
    for (const channel of Object.values(SHELL_CHANNELS)) {
      for (const e of [ev(1, 'https://evil.example/'), ev(1, 'file:///opt/recupera/dist/renderer/index.html'), ev(1, null), ev(2), ev(3), ev(99)]) {
        const r = await call(channel, e, inputs[channel]);
        expect(r, channel).toMatchObject({ ok: false, error: { kind: 'refused' } });
        if (!r.ok) expect(r.error.message).toMatch(/[áéíóúñ]|Solicitud|sesión|bloqueada/);
      }
    }
    expect(sessions.get(1)?.files?.size ?? 0).toBe(0);
    expect(opened).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('input that is not what the channel takes', async () => {
    for (const bad of [null, 'x', { path: 5 }, { path: '' }, { path: 'relativo/base.xlsx' }, { path: `${outside}/a\0b` }, { path: outside, extra: 1 }]) {
      const r = await call(SHELL_CHANNELS.fileToken, ev(1), bad);
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    for (const bad of [null, { path: '/x' }, { path: '/x', suggestedName: '' }, { path: '/x', suggestedName: 'a'.repeat(300) }, { path: 7, suggestedName: 'r.xlsx' }]) {
      const r = await call(SHELL_CHANNELS.saveCopy, ev(1), bad);
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    const of = { kind: 'correo', id: 'correo-1' };
    for (const bad of [{ sha256: 'A'.repeat(64), of, name: 'x' }, { sha256: '../x', of, name: 'x' }, { sha256: 'a'.repeat(64), of }, { sha256: 'a'.repeat(64), name: 'x' }, { sha256: 'a'.repeat(64), of: { kind: 'otro', id: 'x' }, name: 'x' }]) {
      const r = await call(SHELL_CHANNELS.viewDocument, ev(1), bad);
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
  });
});

describe('shell:fileToken', () => {
  it('issues a token of this window for a regular file outside the data folder', async () => {
    const file = join(outside, 'base posventa.xlsx');
    writeFileSync(file, 'PK');
    const r = await call(SHELL_CHANNELS.fileToken, ev(1), { path: file });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { token, name } = r.value as { token: string; name: string };
    expect(name).toBe('base posventa.xlsx');
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
    expect(JSON.stringify(r.value)).not.toContain(outside);
    expect(resolveFileToken(sessions.get(1)!, token).name).toBe('base posventa.xlsx');
    // Another window's session cannot redeem it.
    const otherWindow: Session = { user: admin };
    expect(() => resolveFileToken(otherWindow, token)).toThrow(/Elíjalo de nuevo/);
  });

  it('refuses a missing file, a folder, a file inside the data folder and a huge file', async () => {
    const missing = await call(SHELL_CHANNELS.fileToken, ev(1), { path: join(outside, 'no-existe.xlsx') });
    expect(missing).toMatchObject({ ok: false, error: { kind: 'not_found' } });

    const folder = join(outside, 'carpeta');
    mkdirSync(folder, { recursive: true });
    const dir = await call(SHELL_CHANNELS.fileToken, ev(1), { path: folder });
    expect(dir).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringContaining('no es un archivo') } });

    const inData = await call(SHELL_CHANNELS.fileToken, ev(1), { path: t.dbPath });
    expect(inData).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringContaining('carpeta de datos') } });
    // Not through a link either.
    const link = join(outside, 'enlace.sqlite');
    if (!existsSync(link)) symlinkSync(t.dbPath, link);
    expect(await call(SHELL_CHANNELS.fileToken, ev(1), { path: link })).toMatchObject({ ok: false, error: { kind: 'refused' } });

    const huge = join(outside, 'enorme.xlsx');
    writeFileSync(huge, '');
    truncateSync(huge, LIMITS.maxFileBytes + 1); // sparse: no real disk used
    const big = await call(SHELL_CHANNELS.fileToken, ev(1), { path: huge });
    expect(big).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/pesa \d+ MB; el máximo es 300 MB/) } });

    expect(sessions.get(1)?.files?.size ?? 0).toBe(0);
  });
});

describe('shell:saveCopy', () => {
  it('copies a generated report where the person chose, in clear, and records the download', async () => {
    const source = join(reportDir(t.ctx.app), 'reporte.xlsx');
    mkdirSync(reportDir(t.ctx.app), { recursive: true });
    // Kept sealed, as every report is: the copy the person takes is in clear.
    await keepCopy(Buffer.from('contenido del reporte'), source, t.ctx.app.dataKey);
    const target = join(outside, 'copia.xlsx');
    dialogAnswer = target;
    const r = await call(SHELL_CHANNELS.saveCopy, ev(1), { path: source, suggestedName: '../../reporte.xlsx' });
    expect(r).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(readFileSync(target, 'utf8')).toBe('contenido del reporte');
    // The suggested name is a name, never a path.
    expect(dialogs[0]?.defaultPath).toBe('reporte.xlsx');
    dialogAnswer = null;
    expect(await call(SHELL_CHANNELS.saveCopy, ev(1), { path: source, suggestedName: 'r.xlsx' })).toEqual({ ok: true, value: { saved: false } });
  });

  it('refuses any file Recupera did not generate', async () => {
    for (const path of [t.dbPath, join(outside, 'x.xlsx'), reportDir(t.ctx.app), join(reportDir(t.ctx.app), '..', 'recupera.sqlite')]) {
      const r = await call(SHELL_CHANNELS.saveCopy, ev(1), { path, suggestedName: 'x.xlsx' });
      expect(r, path).toMatchObject({ ok: false, error: { kind: 'refused', message: 'Solo se pueden guardar archivos generados por Recupera.' } });
    }
    expect(dialogs).toEqual([]);
  });
});

describe('shell:viewDocument', () => {
  /** A mail message not yet assigned that holds these attachments (the viewer opens a document as its holder holds it). */
  function mailHolding(id: string, ...sha256s: string[]): { kind: 'correo'; id: string } {
    runWrite(t.ctx.app.db, (tx) =>
      tx
        .prepare("INSERT INTO mail_messages (id, origin_station, sha256, file_name, status, attachments, created_at) VALUES (?, 'UIO-01', ?, 'm.eml', 'SIN_ASIGNAR', ?, '2026-01-01T00:00:00.000Z')")
        .run(id, id.padEnd(64, '0'), JSON.stringify(sha256s.map((sha256) => ({ sha256, name: 'acta.pdf', mime: 'application/pdf', size: 1 })))),
    );
    return { kind: 'correo', id };
  }

  it('opens a stored document in the viewer with the bytes in clear, audited like backups:file', async () => {
    const pdf = validPdf('visor');
    const stored = await storeBackupBytes(t.ctx.app.dataDir, pdf, 'acta.pdf', t.ctx.app.dataKey);
    const r = await call(SHELL_CHANNELS.viewDocument, ev(1), { sha256: stored.sha256, of: mailHolding('visor-1', stored.sha256), name: 'acta.pdf' });
    expect(r).toEqual({ ok: true, value: { opened: true } });
    expect(opened).toHaveLength(1);
    expect(opened[0]!.senderId).toBe(1);
    expect(opened[0]!.doc.mime).toBe('application/pdf');
    expect(opened[0]!.doc.name).toBe('acta.pdf');
    expect(opened[0]!.doc.bytes.equals(pdf)).toBe(true);
    const audit = t.ctx.app.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'DOCUMENTO_ABIERTO' AND target_id = ?").get(stored.sha256) as { n: number };
    expect(audit.n).toBe(1);
  });

  it('a document that is not there is not found, and nothing opens', async () => {
    const r = await call(SHELL_CHANNELS.viewDocument, ev(1), { sha256: 'b'.repeat(64), of: mailHolding('visor-2', 'b'.repeat(64)), name: 'x.pdf' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'not_found' } });
    expect(opened).toEqual([]);
  });

  it('a document its holder does not hold is refused, and nothing opens', async () => {
    const stored = await storeBackupBytes(t.ctx.app.dataDir, validPdf('ajeno'), 'ajeno.pdf', t.ctx.app.dataKey);
    const r = await call(SHELL_CHANNELS.viewDocument, ev(1), { sha256: stored.sha256, of: mailHolding('visor-3', 'c'.repeat(64)), name: 'ajeno.pdf' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'refused', message: expect.stringContaining('no llegó en el correo que se abrió') } });
    expect(opened).toEqual([]);
  });
});
