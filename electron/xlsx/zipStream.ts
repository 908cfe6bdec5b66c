import { once } from 'node:events';
import type { Writable } from 'node:stream';
import * as zlib from 'node:zlib';
import { AppFailure } from '../../shared/result';

/**
 * A zip written front to back into one stream, for workbooks: each entry is deflated as it is
 * written (zlib's threads compress while the caller builds the next rows) and followed by a data
 * descriptor, so no entry's size has to be known, nor the entry held, before it is written.
 * Entries go out one after another in the order they were opened; an entry opened while another
 * is still being written waits, its writes held back by the compressor's own backpressure.
 */

const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8. */
const STREAMED = 0x0808;
const UTF8 = 0x0800;
/** Past this a zip needs the ZIP64 extensions, which this writer does not write (a workbook never comes near). */
const LIMIT = 0xffffffff;

/** zlib.crc32 is in Node since 20.15 and 22.2 (Electron has it); older Nodes get a table. */
const crc32: (data: Buffer, value?: number) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (zlib.crc32 as (d: Buffer, v?: number) => number) : tableCrc32;

let table: Int32Array | null = null;
function tableCrc32(data: Buffer, value = 0): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let crc = ~value;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

interface Written {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

function tooBig(): AppFailure {
  return new AppFailure('refused', 'El libro pasa de 4 GB y no se puede escribir en un solo archivo. Divida el trabajo en partes más pequeñas.');
}

export class ZipStream {
  private offset = 0;
  private readonly written: Written[] = [];
  private readonly open = new Set<ZipEntryWriter>();
  /** The entries' turns, one after another; the first failure stops the rest. */
  private queue: Promise<void> = Promise.resolve();
  private readonly stamp = dosTime(new Date());

  constructor(
    private readonly out: Writable,
    /** Rejects when the output fails (a full disk): every wait on the zip stops with it. */
    readonly failed: Promise<never>,
    private readonly level: number,
  ) {}

  /** Writes bytes to the output; false when the output wants a pause. Past 4 GB the entry's end refuses. */
  push(chunk: Buffer): boolean {
    this.offset += chunk.length;
    return this.out.write(chunk);
  }

  /** Waits until the output has taken what it holds (or failed). */
  async drained(): Promise<void> {
    if (this.out.writableNeedDrain) await Promise.race([this.failed, once(this.out, 'drain')]);
  }

  private localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(LOCAL, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(flags, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(compressed, 18);
    h.writeUInt32LE(size, 22);
    h.writeUInt16LE(name.length, 26);
    return Buffer.concat([h, name]);
  }

  /** Adds a small entry whole (compressed at once); it takes its turn after the entries opened before it. */
  addBuffer(name: string, data: Buffer): void {
    this.turn(async () => {
      const compressed = zlib.deflateRawSync(data, { level: this.level });
      const n = Buffer.from(name, 'utf8');
      const crc = crc32(data);
      const offset = this.offset;
      this.push(this.localHeader(n, UTF8, crc, compressed.length, data.length));
      this.push(compressed);
      this.written.push({ name: n, flags: UTF8, crc, compressed: compressed.length, size: data.length, offset });
      await this.drained();
    });
  }

  /**
   * Opens a streamed entry: write to it now; its bytes reach the output when its turn comes. A
   * `spool` entry may be written while an earlier one is still being written: its compressed bytes
   * are kept in memory until its turn (a tenth of its XML), instead of holding its writer back.
   */
  openEntry(name: string, spool = false): ZipEntryWriter {
    const entry = new ZipEntryWriter(this, Buffer.from(name, 'utf8'), this.level, spool);
    this.open.add(entry);
    this.turn(() => entry.pour());
    return entry;
  }

  private turn(run: () => Promise<void>): void {
    this.queue = this.queue.then(run);
    this.queue.catch(() => undefined);
  }

  /** Writes the entry's header; called when its turn comes. */
  begin(name: Buffer): number {
    const offset = this.offset;
    this.push(this.localHeader(name, STREAMED, 0, 0, 0));
    return offset;
  }

  /** Records a streamed entry once its data is out, and writes its descriptor. */
  finishEntry(entry: ZipEntryWriter, w: Written): void {
    this.open.delete(entry);
    if (w.size > LIMIT || this.offset > LIMIT) throw tooBig();
    const d = Buffer.alloc(16);
    d.writeUInt32LE(DESCRIPTOR, 0);
    d.writeUInt32LE(w.crc, 4);
    d.writeUInt32LE(w.compressed, 8);
    d.writeUInt32LE(w.size, 12);
    this.push(d);
    this.written.push(w);
  }

  /** Waits for every entry, then writes the central directory and ends the output. */
  async finish(): Promise<void> {
    await Promise.race([this.failed, this.queue]);
    const start = this.offset;
    if (start > LIMIT) throw tooBig();
    for (const w of this.written) {
      const c = Buffer.alloc(46);
      c.writeUInt32LE(CENTRAL, 0);
      c.writeUInt16LE(20, 4);
      c.writeUInt16LE(20, 6);
      c.writeUInt16LE(w.flags, 8);
      c.writeUInt16LE(8, 10);
      c.writeUInt16LE(this.stamp.time, 12);
      c.writeUInt16LE(this.stamp.date, 14);
      c.writeUInt32LE(w.crc, 16);
      c.writeUInt32LE(w.compressed, 20);
      c.writeUInt32LE(w.size, 24);
      c.writeUInt16LE(w.name.length, 28);
      c.writeUInt32LE(w.offset, 42);
      this.push(Buffer.concat([c, w.name]));
    }
    const e = Buffer.alloc(22);
    e.writeUInt32LE(END, 0);
    e.writeUInt16LE(this.written.length, 8);
    e.writeUInt16LE(this.written.length, 10);
    e.writeUInt32LE(this.offset - start, 12);
    e.writeUInt32LE(start, 16);
    this.push(e);
    const ended = once(this.out, 'finish');
    this.out.end();
    await Promise.race([this.failed, ended]);
  }

  /** Stops every entry's compressor (the workbook is abandoned). */
  destroy(): void {
    for (const entry of this.open) entry.destroy();
    this.open.clear();
  }
}

export class ZipEntryWriter {
  private crc = 0;
  private size = 0;
  private readonly deflate: zlib.DeflateRaw;
  /** A spool entry's compressed bytes, gathered until its turn, and when the compressor is done. */
  private readonly spool: { chunks: Buffer[]; ended: Promise<void> } | null = null;

  constructor(
    private readonly zip: ZipStream,
    private readonly name: Buffer,
    level: number,
    spool: boolean,
  ) {
    // Larger chunks than zlib's 16 kB: fewer hops between the threads and the output.
    this.deflate = zlib.createDeflateRaw({ level, chunkSize: 64 * 1024 });
    if (spool) {
      const chunks: Buffer[] = [];
      const d = this.deflate;
      const ended = new Promise<void>((resolve, reject) => {
        d.once('end', resolve);
        d.once('error', reject);
      });
      ended.catch(() => undefined);
      d.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.spool = { chunks, ended };
    }
  }

  /** Hands XML to the compressor; follow with `settle` now and then so it never runs far ahead. */
  write(chunk: Buffer): void {
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    this.deflate.write(chunk);
  }

  /** Waits while the compressor (or, behind it, the output) holds too much; stops if the output failed. */
  async settle(): Promise<void> {
    if (this.deflate.writableNeedDrain) await Promise.race([this.zip.failed, once(this.deflate, 'drain')]);
  }

  /** No more data: the entry closes when its turn has poured everything out. */
  end(): void {
    this.deflate.end();
  }

  destroy(): void {
    this.deflate.destroy();
  }

  /** The entry's turn: its compressed bytes go to the output, paced by it, then its descriptor. */
  async pour(): Promise<void> {
    if (this.spool) return this.pourSpooled(this.spool);
    const offset = this.zip.begin(this.name);
    let compressed = 0;
    const d = this.deflate;
    const done = new Promise<void>((resolve, reject) => {
      d.once('end', resolve);
      d.once('error', reject);
    });
    let paused = false;
    d.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      if (!this.zip.push(chunk) && !paused) {
        paused = true;
        d.pause();
        void this.zip.drained().then(
          () => {
            paused = false;
            d.resume();
          },
          () => undefined,
        );
      }
    });
    await Promise.race([this.zip.failed, done]);
    this.zip.finishEntry(this, { name: this.name, flags: STREAMED, crc: this.crc, compressed, size: this.size, offset });
  }

  /** A spool entry's turn: once its writer has ended it, what was gathered goes out whole. */
  private async pourSpooled(spool: { chunks: Buffer[]; ended: Promise<void> }): Promise<void> {
    await Promise.race([this.zip.failed, spool.ended]);
    const offset = this.zip.begin(this.name);
    let compressed = 0;
    for (const chunk of spool.chunks.splice(0)) {
      compressed += chunk.length;
      if (!this.zip.push(chunk)) await this.zip.drained();
    }
    this.zip.finishEntry(this, { name: this.name, flags: STREAMED, crc: this.crc, compressed, size: this.size, offset });
  }
}
