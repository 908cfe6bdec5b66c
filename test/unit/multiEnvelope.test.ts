import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateEncryptionKeys } from '../../electron/auth/encryptionKeys';
import { isEnvelope } from '../../electron/auth/envelope';
import { isMultiEnvelope, MultiEnvelopeError, openMultiEnvelope, readMultiEnvelopeHeader, sealForRecipients } from '../../electron/auth/multiEnvelope';
import { SEAL_CHUNK_BYTES } from '../../electron/files/sealedFile';

const dirs: string[] = [];
const folder = () => {
  const d = mkdtempSync(join(tmpdir(), 'recupera-multisobre-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const problem = (p: Promise<unknown>) => p.then(() => 'opened', (e: unknown) => (e instanceof MultiEnvelopeError ? e.problem : String(e)));

describe('multi-recipient envelope', () => {
  it('encrypts the body once for several stations, each opens it with its own key, another key is not addressed', async () => {
    const dir = folder();
    const a = generateEncryptionKeys();
    const b = generateEncryptionKeys();
    const plain = randomBytes(2 * SEAL_CHUNK_BYTES + 77);
    writeFileSync(join(dir, 'u.zip'), plain);
    const target = join(dir, 'u.recupera-nacional');
    await sealForRecipients(join(dir, 'u.zip'), target, [{ code: 'UIO-01', publicKey: a.publicKey }, { code: 'GYE-01', publicKey: b.publicKey }], 'actualizacion');
    expect(await isMultiEnvelope(target)).toBe(true);
    // Not mistaken for an office package's single-recipient envelope.
    expect(await isEnvelope(target)).toBe(false);
    const { header, prefix } = await readMultiEnvelopeHeader(target);
    expect(header.content).toBe('actualizacion');
    expect(header.recipients.map((r) => r.code)).toEqual(['UIO-01', 'GYE-01']);
    // One body for all: the file is the plaintext plus the header and one tag per chunk.
    expect(statSync(target).size - plain.length).toBeLessThan(prefix.length + 40 + 3 * 16 + 1);

    for (const [name, pair] of [['a', a], ['b', b]] as const) {
      const entry = await openMultiEnvelope(target, join(dir, `${name}.zip`), pair);
      expect(entry.code).toBe(name === 'a' ? 'UIO-01' : 'GYE-01');
      expect(readFileSync(join(dir, `${name}.zip`)).equals(plain)).toBe(true);
    }
    expect(await problem(openMultiEnvelope(target, join(dir, 'c.zip'), generateEncryptionKeys()))).toBe('not_addressed');
  });

  it('refuses a flipped byte anywhere, a truncation, a recipient removed or an entry moved to another key', async () => {
    const dir = folder();
    const a = generateEncryptionKeys();
    const b = generateEncryptionKeys();
    writeFileSync(join(dir, 'u.zip'), randomBytes(SEAL_CHUNK_BYTES + 5));
    const target = join(dir, 'u.bin');
    await sealForRecipients(join(dir, 'u.zip'), target, [{ code: 'UIO-01', publicKey: a.publicKey }, { code: 'GYE-01', publicKey: b.publicKey }], 'actualizacion');
    const sealed = readFileSync(target);
    const { header, prefix } = await readMultiEnvelopeHeader(target);
    const withHeader = (h: object) => {
      const json = Buffer.from(JSON.stringify(h));
      const length = Buffer.alloc(4);
      length.writeUInt32BE(json.length);
      return Buffer.concat([prefix.subarray(0, 20), length, json, sealed.subarray(prefix.length)]);
    };
    const flip = (at: number) => {
      const copy = Buffer.from(sealed);
      copy[at] = copy[at]! ^ 0x01;
      return copy;
    };
    const [ua, ub] = header.recipients as [(typeof header.recipients)[0], (typeof header.recipients)[0]];
    const variants: Record<string, [Buffer, string]> = {
      bodyByte: [flip(prefix.length + 100), 'not_opened'],
      lastByte: [flip(sealed.length - 1), 'not_opened'],
      truncated: [sealed.subarray(0, sealed.length - 10), 'not_opened'],
      headerCut: [sealed.subarray(0, prefix.length - 3), 'damaged'],
      // The other recipient's entry taken out: the header is bound into the body's key.
      otherRemoved: [withHeader({ ...header, recipients: [ua] }), 'not_opened'],
      // An entry relabelled for another code keeps its wrapped key but not its associated data.
      relabelled: [withHeader({ ...header, recipients: [{ ...ua, code: 'QUI-09' }, ub] }), 'not_opened'],
      salt: [withHeader({ ...header, salt: randomBytes(32).toString('base64') }), 'not_opened'],
      newer: [Buffer.concat([prefix.subarray(0, 19), Buffer.from([9]), sealed.subarray(20)]), 'unsupported'],
    };
    for (const [name, [bytes, expected]] of Object.entries(variants)) {
      writeFileSync(join(dir, name), bytes);
      expect(await problem(openMultiEnvelope(join(dir, name), join(dir, `${name}.zip`), a)), name).toBe(expected);
    }
    // A flipped byte in the wrapped key of this recipient.
    const wrapped = Buffer.from(ua.wrappedKey, 'base64');
    wrapped[3] = wrapped[3]! ^ 0x80;
    writeFileSync(join(dir, 'wrap'), withHeader({ ...header, recipients: [{ ...ua, wrappedKey: wrapped.toString('base64') }, ub] }));
    expect(await problem(openMultiEnvelope(join(dir, 'wrap'), join(dir, 'wrap.zip'), a))).toBe('not_opened');
  });

  it('is different every time for the same content and recipients', async () => {
    const dir = folder();
    const a = generateEncryptionKeys();
    writeFileSync(join(dir, 'u.zip'), 'mismo contenido');
    const one = await sealForRecipients(join(dir, 'u.zip'), join(dir, '1'), [{ code: 'UIO-01', publicKey: a.publicKey }], 'actualizacion');
    const two = await sealForRecipients(join(dir, 'u.zip'), join(dir, '2'), [{ code: 'UIO-01', publicKey: a.publicKey }], 'actualizacion');
    expect(one).not.toBe(two);
    await expect(sealForRecipients(join(dir, 'u.zip'), join(dir, '3'), [], 'actualizacion')).rejects.toThrow();
  });
});
