import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import type yauzl from 'yauzl';

function openRaw(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, { decodeFileData: false }, (err, stream) => (err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream)));
  });
}

/**
 * The bytes of one zip entry, chunk by chunk (256 KiB), inflated only as fast as the consumer
 * pulls them. `progress` receives the compressed bytes of the entry consumed so far. An entry that
 * inflates to more (or less) than its declared size is damaged or hostile and throws. Aborting
 * `signal` releases the streams even if the consumer never resumes the generator.
 */
export async function* entryBytes(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  progress?: (compressed: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) throw new Error(`unsupported compression method ${entry.compressionMethod}`);
  const raw = await openRaw(zip, entry);
  const inflate = entry.compressionMethod === 8 ? createInflateRaw({ chunkSize: 256 * 1024 }) : null;
  if (inflate) {
    raw.on('error', (e) => inflate.destroy(e));
    raw.pipe(inflate);
  }
  const release = () => {
    inflate?.destroy();
    raw.destroy();
  };
  if (signal?.aborted) release();
  signal?.addEventListener('abort', release);
  let inflated = 0;
  try {
    for await (const chunk of (inflate ?? raw) as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > entry.uncompressedSize) throw new Error(`${entry.fileName} inflates beyond its declared size`);
      progress?.(inflate ? inflate.bytesWritten : inflated);
      yield chunk;
    }
    if (inflated !== entry.uncompressedSize) throw new Error(`${entry.fileName} is shorter than its declared size`);
  } finally {
    signal?.removeEventListener('abort', release);
    release();
  }
}

/** The text of one zip entry as UTF-8, chunk by chunk: `entryBytes` decoded, a character never cut in two. */
export async function* entryText(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  progress?: (compressed: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of entryBytes(zip, entry, progress, signal)) {
    const text = decoder.write(chunk);
    if (text.length > 0) yield text;
  }
  const rest = decoder.end();
  if (rest.length > 0) yield rest;
}
