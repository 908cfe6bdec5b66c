import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import { produceFileAtomic } from '../files/atomicFile';
import { describeFile } from '../files/hash';

export interface ZipEntry {
  /** Name inside the zip. */
  name: string;
  /** File on disk, or the bytes themselves. */
  path?: string;
  data?: Buffer;
  /** Or a stream opened only when the zip reaches the entry (a sealed document read in clear). */
  open?: () => Promise<Readable>;
  /** Already compressed formats (xlsx, pdf, jpg) are stored as they are. */
  compress: boolean;
}

/**
 * Writes a zip whole or not at all (`produceFileAtomic`: hidden temporary, flushed, renamed), so no
 * half-written package is ever seen. Returns the zip's SHA-256, hashed as it is written.
 */
export async function writeZip(target: string, entries: ZipEntry[]): Promise<string> {
  return produceFileAtomic(target, async (temporary) => {
    const zip = new yazl.ZipFile();
    const mtime = new Date();
    for (const e of entries) {
      if (e.path) zip.addFile(e.path, e.name, { compress: e.compress, mtime });
      else if (e.open) {
        const open = e.open;
        zip.addReadStreamLazy(e.name, { compress: e.compress, mtime }, (cb) => {
          open().then(
            (s) => cb(null, s.once('error', (err) => zip.emit('error', err))),
            (err: unknown) => cb(err, undefined as unknown as Readable),
          );
        });
      } else zip.addBuffer(e.data ?? Buffer.alloc(0), e.name, { compress: e.compress, mtime });
    }
    const out = createWriteStream(temporary, { flags: 'wx' });
    const hash = createHash('sha256');
    const closed = new Promise<void>((resolve) => out.once('close', () => resolve()));
    const done = new Promise<void>((resolve, reject) => {
      out.once('close', resolve);
      out.once('error', reject);
      zip.outputStream.once('error', reject);
      // yazl reports a source file it cannot read on the zip itself.
      zip.once('error', reject);
    });
    zip.outputStream.on('data', (chunk: Buffer) => hash.update(chunk));
    zip.outputStream.pipe(out);
    zip.end();
    try {
      await done;
    } catch (e) {
      // A source file that vanished or a disk that filled: the descriptor is closed before the temporary is removed.
      out.destroy();
      await closed;
      throw e;
    }
    return hash.digest('hex');
  });
}

/** Name, SHA-256 and size of an entry's content, as the manifest lists it. */
export async function describeEntry(e: ZipEntry): Promise<{ name: string; sha256: string; size: number }> {
  if (e.path) return describeFile(e.path, e.name);
  if (!e.open) {
    const data = e.data ?? Buffer.alloc(0);
    return { name: e.name, sha256: createHash('sha256').update(data).digest('hex'), size: data.length };
  }
  const h = createHash('sha256');
  let size = 0;
  for await (const c of await e.open()) {
    h.update(c as Buffer);
    size += (c as Buffer).length;
  }
  return { name: e.name, sha256: h.digest('hex'), size };
}
