import yauzl from 'yauzl';

/** Why a zip's directory could not be read: not a readable zip, or more than the caller allows. */
export class ZipDirectoryError extends Error {
  constructor(readonly problem: 'unreadable' | 'too_large') {
    super(problem);
  }
}

export interface ZipDirectory {
  zip: yauzl.ZipFile;
  /** Every entry, in archive order (duplicated names included). */
  entries: yauzl.Entry[];
}

/**
 * Opens a zip and reads its central directory before anything is inflated, stopping as soon as
 * the entries or their declared sizes pass the limits (zip bombs). The archive stays open on
 * success; the caller closes it.
 */
export function readZipDirectory(path: string, limits: { maxEntries: number; maxUncompressedBytes: number; strictFileNames?: boolean }): Promise<ZipDirectory> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: limits.strictFileNames ?? false }, (err, zip) => {
      if (err || !zip) return reject(new ZipDirectoryError('unreadable'));
      const entries: yauzl.Entry[] = [];
      let total = 0;
      let settled = false;
      const fail = (problem: ZipDirectoryError['problem']) => {
        if (settled) return;
        settled = true;
        zip.close();
        reject(new ZipDirectoryError(problem));
      };
      zip.on('error', () => fail('unreadable'));
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        total += entry.uncompressedSize;
        if (entries.length > limits.maxEntries || total > limits.maxUncompressedBytes) return fail('too_large');
        zip.readEntry();
      });
      zip.on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ zip, entries });
      });
      zip.readEntry();
    });
  });
}
