import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isSealed,
  openSealed,
  readKept,
  readSealed,
  SEAL_CHUNK_BYTES,
  SEAL_HEADER_BYTES,
  sealedSize,
  sealInPlace,
  sealToFile,
  sha256Kept,
  writeClearCopy,
} from '../../electron/files/sealedFile';
import { createHash } from 'node:crypto';
import { AppFailure } from '../../shared/result';

const key = randomBytes(32);
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'recupera-sealed-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(p: Promise<unknown>): Promise<AppFailure> {
  const e: unknown = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppFailure);
  return e as AppFailure;
}

describe('sealed files', () => {
  it('round-trips any size, including empty and exact chunk multiples, and hides the plaintext', async () => {
    for (const size of [0, 1, 100, SEAL_CHUNK_BYTES - 1, SEAL_CHUNK_BYTES, SEAL_CHUNK_BYTES + 1, 3 * SEAL_CHUNK_BYTES]) {
      const plain = Buffer.alloc(size, 'JUAN PEREZ ');
      const target = join(dir, `f${size}.bin`);
      await sealToFile(target, plain, key);
      const raw = readFileSync(target);
      expect(raw.length).toBe(sealedSize(size));
      if (size > 20) expect(raw.includes('JUAN PEREZ')).toBe(false);
      expect(await isSealed(target)).toBe(true);
      expect((await readSealed(target, key)).equals(plain)).toBe(true);
    }
    expect(readdirSync(dir).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('refuses a file with one byte changed, in the header or in any chunk', async () => {
    const plain = randomBytes(2 * SEAL_CHUNK_BYTES + 10);
    const target = join(dir, 'a.pdf');
    await sealToFile(target, plain, key);
    const good = readFileSync(target);
    for (const at of [10, SEAL_HEADER_BYTES + 5, SEAL_HEADER_BYTES + SEAL_CHUNK_BYTES + 20, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at] = bad[at]! ^ 0x01;
      writeFileSync(target, bad);
      const e = await refusal(readSealed(target, key));
      expect(e.kind).toBe('refused');
      expect(e.message).toContain('«a.pdf» está dañado o fue alterado');
    }
  });

  it('refuses a truncated file (at a chunk boundary, mid-chunk, header only) and swapped chunks', async () => {
    const plain = randomBytes(3 * SEAL_CHUNK_BYTES);
    const target = join(dir, 'b.bin');
    await sealToFile(target, plain, key);
    const good = readFileSync(target);
    const whole = SEAL_CHUNK_BYTES + 16;
    for (const length of [SEAL_HEADER_BYTES + whole, SEAL_HEADER_BYTES + 2 * whole, good.length - 3, SEAL_HEADER_BYTES, 5]) {
      writeFileSync(target, good.subarray(0, length));
      await refusal(readSealed(target, key));
    }
    const swapped = Buffer.concat([
      good.subarray(0, SEAL_HEADER_BYTES),
      good.subarray(SEAL_HEADER_BYTES + whole, SEAL_HEADER_BYTES + 2 * whole),
      good.subarray(SEAL_HEADER_BYTES, SEAL_HEADER_BYTES + whole),
      good.subarray(SEAL_HEADER_BYTES + 2 * whole),
    ]);
    writeFileSync(target, swapped);
    await refusal(readSealed(target, key));
  });

  it('refuses another key', async () => {
    const target = join(dir, 'c.bin');
    await sealToFile(target, Buffer.from('hola'), key);
    await refusal(readSealed(target, randomBytes(32)));
  });

  it('streams a big file with bounded memory', async () => {
    const chunks = 1200; // 75 MiB
    const block = randomBytes(SEAL_CHUNK_BYTES);
    const expected = createHash('sha256');
    for (let i = 0; i < chunks; i++) expected.update(block);
    const source = Readable.from(
      (function* () {
        for (let i = 0; i < chunks; i++) yield block;
      })(),
    );
    const target = join(dir, 'big.bin');
    const before = process.memoryUsage().rss;
    let peak = before;
    const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      await sealToFile(target, source, key);
      const h = createHash('sha256');
      for await (const c of openSealed(target, key)) h.update(c as Buffer);
      expect(h.digest('hex')).toBe(expected.digest('hex'));
    } finally {
      clearInterval(watch);
    }
    expect(statSync(target).size).toBe(sealedSize(chunks * SEAL_CHUNK_BYTES));
    // The file is 75 MiB; the process must not have held it.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  }, 60_000);

  it('reads plain files meanwhile, seals them in place once, and writes clear copies', async () => {
    const target = join(dir, 'plain.pdf');
    writeFileSync(target, '%PDF-1.4 MARIA LOPEZ');
    expect(await isSealed(target)).toBe(false);
    expect((await readKept(target, key)).toString()).toBe('%PDF-1.4 MARIA LOPEZ');
    expect(await sealInPlace(target, key)).toBe(true);
    expect(await sealInPlace(target, key)).toBe(false);
    expect(readFileSync(target).includes('MARIA')).toBe(false);
    expect(await sha256Kept(target, key)).toBe(createHash('sha256').update('%PDF-1.4 MARIA LOPEZ').digest('hex'));
    const copy = join(dir, 'copia.pdf');
    await writeClearCopy(target, copy, key);
    expect(readFileSync(copy, 'utf8')).toBe('%PDF-1.4 MARIA LOPEZ');
    expect(readdirSync(dir).sort()).toEqual(['copia.pdf', 'plain.pdf']);
  });

  it('leaves nothing under the target when a clear copy of an altered file fails', async () => {
    const target = join(dir, 'x.bin');
    await sealToFile(target, randomBytes(1000), key);
    const bad = readFileSync(target);
    bad[bad.length - 1] ^= 1;
    writeFileSync(target, bad);
    await refusal(writeClearCopy(target, join(dir, 'out.bin'), key));
    expect(readdirSync(dir)).toEqual(['x.bin']);
  });
});
