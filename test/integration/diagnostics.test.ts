import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli } from '../../electron/cli/main';
import { generateBaseRows } from '../../electron/demo/generate';
import { call } from '../../electron/handlers/call';
import { handle } from '../../electron/handlers/define';
import { closeLog, flushLog, log, logFile } from '../../electron/platform/log';
import { appDiagnostics } from '../../shared/contracts/app';
import { contract, Empty } from '../../shared/contracts/contract';
import type { Role } from '../../shared/roles';
import { testApp, type TestApp } from '../helpers/app';

// The diagnostics log keeps causes and record ids, never a customer; the support bundle holds the
// versions, the database's checks, the station, the campaign and the log's tail, and no customer.

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, (s) => (out += s + '\n'), (s) => (err += s + '\n'));
  return { code, out, err };
}

/** A customer of the demo base (seed 3), as the base lists them. */
const demoCustomer = (() => {
  const first = generateBaseRows({ customers: 30, seed: 3 }).next().value!;
  return { name: String(first.name), identification: String(first.identification), phone: String(first.phone) };
})();

let app: TestApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

describe('diagnostics log', () => {
  it('a handler failure lands in the file with its channel and cause, without the customer the message named', async () => {
    app = await testApp();
    const { name, identification, phone } = demoCustomer;
    const probe = contract('test:explode', Empty, z.object({}));
    const [, handler] = handle(probe, 'public', () => {
      const cause = Object.assign(new Error(`disk I/O error while saving ${name}`), { code: 'SQLITE_IOERR' });
      throw new Error(`Could not save the handover of ${name} (${identification}), phone ${phone}`, { cause });
    });
    const r = await handler({}, app.ctx);
    expect(r).toMatchObject({ ok: false, error: { kind: 'internal' } });
    await flushLog();

    const text = readFileSync(logFile(app.dir), 'utf8');
    const line = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'handler.failed');
    expect(line).toMatchObject({ level: 'error', channel: 'test:explode', err: { type: 'Error', cause: { code: 'SQLITE_IOERR' } } });
    expect(String((line!.err as { stack: string }).stack)).toContain('diagnostics.test.ts');
    for (const secret of [name, ...name.split(' '), identification, phone]) expect(text).not.toContain(secret);
  });

  it('lines logged on a worker thread reach the same file, redacted', async () => {
    app = await testApp();
    const worker = new Worker(new URL('../fixtures/logWorker.mjs', import.meta.url), {
      workerData: { jobId: 'job-0193', message: `Fila de ${demoCustomer.name}, cédula ${demoCustomer.identification}` },
    });
    await new Promise((resolve, reject) => {
      worker.once('exit', resolve);
      worker.once('error', reject);
    });
    await flushLog();
    const text = readFileSync(logFile(app.dir), 'utf8');
    expect(text).toContain('"msg":"test.workerFailed"');
    expect(text).toContain('"jobId":"job-0193"');
    expect(text).not.toContain(demoCustomer.identification);
    expect(text).not.toContain(demoCustomer.name);
  });

  it('app:diagnostics is for coordinators and administrators: an asesor is refused', async () => {
    app = await testApp();
    const as = (role: Role) => ({ ...app!.ctx, session: { user: { id: `u-${role}`, username: role.toLowerCase(), fullName: 'Usuario de Pruebas', role } } });
    expect(await call(as('ASESOR'), appDiagnostics, {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(await call(as('POSVENTA'), appDiagnostics, {})).toMatchObject({ ok: false, error: { kind: 'refused' } });
    const coordinator = await call(as('COORDINADOR'), appDiagnostics, {});
    expect(coordinator.ok).toBe(true);
    if (coordinator.ok) expect(coordinator.value.path.startsWith(join(app.dir, 'diagnosticos'))).toBe(true);
    await flushLog();
    expect(readFileSync(logFile(app.dir), 'utf8')).toMatch(/"channel":"app:diagnostics","reason":"role","role":"ASESOR".*"msg":"handler.refused"/);
  });
});

describe('CLI diagnostico', () => {
  afterEach(async () => {
    await closeLog();
  });

  it('writes the bundle into --salida with every section and no customer in it', async () => {
    const d = mkdtempSync(join(tmpdir(), 'recupera-diag-'));
    const db = join(d, 'r.sqlite');
    expect((await cli('iniciar', '--db', db, '--estacion', 'UIO-INAQUITO-01', '--oficina', 'CAC Iñaquito')).code).toBe(0);
    expect((await cli('demo', '--db', db, '--clientes', '30', '--semilla', '3')).code).toBe(0);
    const found = JSON.parse((await cli('buscar', demoCustomer.identification, '--db', db, '--json')).out) as { results: Array<{ name: string }> };
    expect(found.results[0]?.name).toBe(demoCustomer.name);
    // A failure whose text names the customer, as a library's error might: the log must not keep them.
    log.error('test.failure', { customerName: demoCustomer.name, err: new Error(`${demoCustomer.name} ${demoCustomer.identification} ${demoCustomer.phone}`) });

    const out = join(d, 'soporte');
    const r = await cli('diagnostico', '--db', db, '--salida', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^diagnostico_UIO-INAQUITO-01_\d{8}-\d{6}\.json$/);
    expect(r.out).toBe(`Diagnóstico escrito en ${join(out, files[0]!)}\n`);

    const text = readFileSync(join(out, files[0]!), 'utf8');
    const bundle = JSON.parse(text) as {
      app: unknown;
      platform: unknown;
      database: { schemaVersion: number; tableCounts: Record<string, number> };
      station: unknown;
      campaign: unknown;
      log: { tail: Array<{ msg?: string }> };
    };
    expect(bundle.app).toMatchObject({ version: expect.any(String), node: process.versions.node, sqlite: expect.stringMatching(/^3\./) });
    expect(bundle.platform).toMatchObject({ os: process.platform, arch: process.arch });
    expect(bundle.database).toMatchObject({ integrityCheck: ['ok'], foreignKeyCheck: [], schemaVersion: expect.any(Number) });
    expect(bundle.database.schemaVersion).toBeGreaterThanOrEqual(6);
    expect(bundle.database.tableCounts).toMatchObject({ customers: 30, stations: 1 });
    expect(bundle.station).toMatchObject({ code: 'UIO-INAQUITO-01', office: 'CAC Iñaquito' });
    expect(bundle.campaign).toMatchObject({ name: expect.any(String), deadline: expect.any(String) });
    expect(bundle.log.tail.some((l) => l.msg === 'test.failure')).toBe(true);

    for (const secret of [demoCustomer.name, ...demoCustomer.name.split(' '), demoCustomer.identification, demoCustomer.phone]) {
      expect(text).not.toContain(secret);
    }
  });
});
