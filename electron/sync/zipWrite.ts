import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import yazl from 'yazl';
import { produceFileAtomic } from '../files/atomicFile';

export interface ZipEntry {
  /** Name inside the zip. */
  name: string;
  /** File on disk, or the bytes themselves. */
  path?: string;
  data?: Buffer;
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
      else zip.addBuffer(e.data ?? Buffer.alloc(0), e.name, { compress: e.compress, mtime });
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
