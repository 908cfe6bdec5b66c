import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import yazl from 'yazl';

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
 * Writes a zip next to its final name and renames it into place, so no half-written package is
 * ever seen. Returns the zip's SHA-256, hashed as it is written.
 */
export async function writeZip(target: string, entries: ZipEntry[]): Promise<string> {
  const zip = new yazl.ZipFile();
  const mtime = new Date();
  for (const e of entries) {
    if (e.path) zip.addFile(e.path, e.name, { compress: e.compress, mtime });
    else zip.addBuffer(e.data ?? Buffer.alloc(0), e.name, { compress: e.compress, mtime });
  }
  const part = `${target}.part`;
  const out = createWriteStream(part);
  const hash = createHash('sha256');
  const done = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    zip.outputStream.on('error', reject);
  });
  zip.outputStream.on('data', (chunk: Buffer) => hash.update(chunk));
  zip.outputStream.pipe(out);
  zip.end();
  try {
    await done;
    await rename(part, target);
    return hash.digest('hex');
  } catch (e) {
    await unlink(part).catch(() => undefined);
    throw e;
  }
}
