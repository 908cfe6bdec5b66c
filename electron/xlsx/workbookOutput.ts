import { createWriteStream } from 'node:fs';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { produceFileAtomic } from '../files/atomicFile';
import { sealStream } from '../files/sealedFile';

/**
 * Where a workbook's bytes go: the hidden temporary of `produceFileAtomic`, through the sealing
 * stream when `seal` (the data key) is given, so a workbook kept in the data folder is never on
 * disk in clear. `write` writes the whole workbook into `out` and ends it; `failed` rejects when
 * the output fails (disk full, a drive pulled), so a writer waiting on it stops too. Only once
 * the file is closed is it renamed onto `target`; on any failure nothing is left.
 */
export function produceWorkbookFile<T>(target: string, seal: Buffer | undefined, write: (out: Writable, failed: Promise<never>) => Promise<T>): Promise<T> {
  return produceFileAtomic(target, async (temporary) => {
    const file = createWriteStream(temporary, { flags: 'wx' });
    const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
    let out: Writable = file;
    let sealing: Promise<void> | null = null;
    if (seal) {
      const clear = new PassThrough();
      sealing = pipeline(clear, sealStream(seal), file);
      out = clear;
    }
    const failed = new Promise<never>((_, reject) => {
      out.once('error', reject);
      if (sealing) sealing.catch(reject);
    });
    failed.catch(() => undefined);
    try {
      const value = await Promise.race([write(out, failed), failed]);
      if (sealing) await sealing;
      // The descriptor must be closed before the rename (Windows refuses to rename an open file).
      await closed;
      return value;
    } catch (e) {
      out.destroy();
      file.destroy();
      await closed;
      throw e;
    }
  });
}
