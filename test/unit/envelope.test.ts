import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEncryptionKeys } from '../../electron/auth/encryptionKeys';
import { EnvelopeError, openEnvelope, readEnvelopeHeader, sealEnvelope } from '../../electron/auth/envelope';
import { SEAL_CHUNK_BYTES } from '../../electron/files/sealedFile';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'recupera-sobre-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const problem = (p: Promise<unknown>) => p.then(() => 'opened', (e: unknown) => (e instanceof EnvelopeError ? e.problem : String(e)));

describe('envelope', () => {
  it('round-trips a file of several chunks and refuses it cut at a chunk boundary, extended, or opened with another key', async () => {
    const dir = folder();
    const central = generateEncryptionKeys();
    const plain = randomBytes(3 * SEAL_CHUNK_BYTES + 123);
    writeFileSync(join(dir, 'p.zip'), plain);
    const target = join(dir, 'p.recupera');
    await sealEnvelope(join(dir, 'p.zip'), target, { code: 'PV-01', publicKey: central.publicKey }, 'paquete');
    const { header, prefix } = await readEnvelopeHeader(target);
    expect(header).toMatchObject({ content: 'paquete', recipient: { code: 'PV-01' } });

    await openEnvelope(target, join(dir, 'out.zip'), central.privateKey);
    expect(readFileSync(join(dir, 'out.zip')).equals(plain)).toBe(true);

    const sealed = readFileSync(target);
    const body = prefix.length + 40; // the sealed stream's own header
    const whole = SEAL_CHUNK_BYTES + 16;
    const variants: Record<string, Buffer> = {
      atBoundary: sealed.subarray(0, body + 2 * whole),
      extended: Buffer.concat([sealed, sealed.subarray(body, body + whole)]),
      swapped: Buffer.concat([sealed.subarray(0, body), sealed.subarray(body + whole, body + 2 * whole), sealed.subarray(body, body + whole), sealed.subarray(body + 2 * whole)]),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      writeFileSync(join(dir, name), bytes);
      expect(await problem(openEnvelope(join(dir, name), join(dir, `${name}.zip`), central.privateKey)), name).toBe('not_opened');
    }
    expect(await problem(openEnvelope(target, join(dir, 'otra.zip'), generateEncryptionKeys().privateKey))).toBe('not_opened');
    // The envelope is the plaintext's size plus a small header and a tag per chunk.
    expect(statSync(target).size - plain.length).toBeLessThan(prefix.length + 40 + 4 * 16 + 1);
  });

  it('is different every time for the same content (a one-use key and salt per envelope)', async () => {
    const dir = folder();
    const central = generateEncryptionKeys();
    writeFileSync(join(dir, 'p.zip'), 'mismo contenido');
    const one = await sealEnvelope(join(dir, 'p.zip'), join(dir, '1.recupera'), { code: 'PV-01', publicKey: central.publicKey }, 'paquete');
    const two = await sealEnvelope(join(dir, 'p.zip'), join(dir, '2.recupera'), { code: 'PV-01', publicKey: central.publicKey }, 'paquete');
    expect(one).not.toBe(two);
  });
});
