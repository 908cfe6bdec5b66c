import { spawn } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { injectFileFault, type FileStep } from '../../electron/files/atomicFile';
import { startWebServer } from '../../electron/web/server';
import { auth, startTestServer, TOKEN, type TestServer } from '../helpers/webServer';

// An upload in browser mode lands whole under cargas/ or not at all: a full disk or a dropped
// connection leaves neither a truncated file nor a temporary.
let server: TestServer;
const uploads = () => join(server.dataDir, 'cargas');
const listed = () => (existsSync(uploads()) ? readdirSync(uploads()) : []);

beforeAll(async () => {
  server = await startTestServer();
  // Only a signed-in client uploads: setup signs this one in.
  const init = await server.api('setup:init', { stationCode: 'UIO-INAQUITO-01', office: 'CAC Iñaquito', admin: { username: 'admin', fullName: 'Admin de Pruebas', password: 'clave-segura-1' } });
  expect(init.ok).toBe(true);
}, 60_000);
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  injectFileFault(null);
});

describe('browser-mode uploads', () => {
  for (const step of ['write', 'sync', 'rename'] as FileStep[]) {
    it(`a full disk at "${step}" is refused in Spanish naming the folder, and nothing is kept`, async () => {
      const before = listed();
      injectFileFault((s) => {
        if (s === step) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      });
      const res = await server.send({ method: 'POST', path: '/upload?name=base.csv', headers: auth, body: 'identificacion,nombre\n1712345678,Ana\n' });
      expect(res.status).toBe(507);
      const body = JSON.parse(res.body) as { ok: boolean; error: { kind: string; message: string } };
      expect(body.ok).toBe(false);
      expect(body.error.kind).toBe('refused');
      expect(body.error.message).toContain(uploads());
      expect(body.error.message).toContain('No hay espacio suficiente');
      expect(body.error.message).not.toMatch(/ENOSPC|no space|Error/);
      expect(listed()).toEqual(before);
    });
  }

  it('a client that hangs up mid-upload leaves nothing behind', async () => {
    const before = listed();
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: server.port,
        agent: false,
        method: 'POST',
        path: '/upload?name=cortado.csv',
        headers: { ...auth, cookie: server.cookie()!, host: `127.0.0.1:${server.port}`, 'content-length': String(1024 * 1024) },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(64 * 1024, 65), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
    });
    // The server notices the hang-up and removes the temporary.
    for (let i = 0; i < 50 && listed().length !== before.length; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100));
    expect(listed()).toEqual(before);
  });

  it("go with their server: a dead server's are removed when the next one starts, a server's own when it closes", async () => {
    const res = await server.send({ method: 'POST', path: '/upload?name=propia.csv', headers: auth, body: 'a,b\n1,2\n' });
    expect(res.status).toBe(200);
    const own = listed().filter((n) => n.endsWith('-propia.csv'));
    expect(own).toEqual([expect.stringMatching(new RegExp(`^p${process.pid}-`))]);
    // As a killed server left them (one from before uploads were named for their server), and one a running server holds.
    const running = spawn('sleep', ['30']);
    const live = `p${running.pid}-0193-viva.csv`;
    try {
      writeFileSync(join(uploads(), 'p999999999-0193-muerta.csv'), 'x');
      writeFileSync(join(uploads(), '0193-anterior.csv'), 'x');
      writeFileSync(join(uploads(), live), 'x');
      const next = await startWebServer(server.app, { port: 0, rendererDir: server.rendererDir, token: TOKEN });
      expect(listed().filter((n) => !n.startsWith('.')).sort()).toEqual([...listed().filter((n) => n.startsWith(`p${process.pid}-`)), live].sort());
      expect(listed()).toEqual(expect.arrayContaining(own));
      // This process's server closing takes this process's uploads (both servers here are this process).
      await next.close();
      expect(listed().filter((n) => !n.startsWith('.'))).toEqual([live]);
    } finally {
      running.kill();
    }
  });

  it('a whole upload is stored under its final name only', async () => {
    const res = await server.send({ method: 'POST', path: '/upload?name=entero.csv', headers: auth, body: 'a,b\n1,2\n' });
    expect(res.status).toBe(200);
    const names = listed();
    expect(names.filter((n) => n.endsWith('-entero.csv'))).toHaveLength(1);
    expect(names.filter((n) => n.startsWith('.recupera-'))).toEqual([]);
  });
});
