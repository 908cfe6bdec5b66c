import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import { createStream, type RotatingFileStream } from 'rotating-file-stream';
import { redactFields, scrubText } from './redact';

/**
 * The diagnostics log: one JSON line per event in `<dataDir>/registro/recupera.log`, rotated at
 * 2 MB with four older files kept (recupera.log.1 … .4). Written by pino through
 * rotating-file-stream, from the main thread only: worker threads (jobs, the spreadsheet reader)
 * hand their lines over a BroadcastChannel, so one writer owns the file and its rotation. Nothing
 * goes to stdout, so the CLI prints only its command's output. Every record passes through
 * redact.ts: causes and record ids, never a customer.
 */

export const LOG_FOLDER = 'registro';
export const LOG_FILE = 'recupera.log';
const ROTATE_SIZE = '2M';
const ROTATED_KEPT = 4;
/** Lines logged before the file is open (a start-up that fails early) are kept until it is. */
const EARLY_LINES = 200;
const CHANNEL = 'recupera:log';

export type LogFields = Record<string, unknown>;

export function logDir(dataDir: string): string {
  return join(dataDir, LOG_FOLDER);
}

export function logFile(dataDir: string): string {
  return join(logDir(dataDir), LOG_FILE);
}

interface Sink {
  stream: RotatingFileStream | null;
  dir: string | null;
  early: string[];
  channel: BroadcastChannel | null;
}

const sink: Sink = { stream: null, dir: null, early: [], channel: null };

function writeLine(line: string): void {
  if (sink.stream) sink.stream.write(line);
  else if (sink.early.length < EARLY_LINES) sink.early.push(line);
}

/** In a worker thread the line travels to the main thread, which owns the file. */
function workerDestination(): DestinationStream {
  const channel = new BroadcastChannel(CHANNEL);
  // A worker that has finished must not be kept alive by its log.
  channel.unref();
  return { write: (line: string) => channel.postMessage(line) };
}

const destination: DestinationStream = isMainThread ? { write: writeLine } : workerDestination();

const logger: Logger = pino(
  {
    level: 'info',
    // No host name (a PC is often named after its user); the thread tells jobs apart.
    base: isMainThread ? { pid: process.pid } : { pid: process.pid, thread: threadId },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // redact.ts has already turned errors into plain fields; pino's own serializer would drop them.
    serializers: { err: (v: unknown) => v },
  },
  destination,
);

function emit(level: 'info' | 'warn' | 'error', event: string, fields?: LogFields): void {
  try {
    logger[level](fields ? redactFields(fields) : {}, scrubText(event));
  } catch {
    // Logging never takes the app down with it.
  }
}

/**
 * `event` is a short stable name (`job.end`, `handler.failed`); `fields` hold ids, counts, codes and
 * the error under `err`. Never put a row's contents here: keys that name a person are hidden, free
 * text is scrubbed, but the safest field is one never logged.
 */
export const log = {
  info: (event: string, fields?: LogFields): void => emit('info', event, fields),
  warn: (event: string, fields?: LogFields): void => emit('warn', event, fields),
  error: (event: string, fields?: LogFields): void => emit('error', event, fields),
};

/**
 * Opens (or keeps) the log of a data folder; a process logs to one folder at a time, the last one
 * opened. Called by createServices before the database opens, so a database that cannot be opened
 * is logged too. Returns the log file's path. A log that cannot be written is given up silently:
 * the app's work matters more than its diary.
 */
export function openLog(dataDir: string): string {
  const dir = logDir(dataDir);
  if (!isMainThread) return join(dir, LOG_FILE);
  if (sink.dir === dir && sink.stream) return join(dir, LOG_FILE);
  const previous = sink.stream;
  sink.stream = null;
  previous?.end();
  try {
    mkdirSync(dir, { recursive: true });
    const stream = createStream(LOG_FILE, { path: dir, size: ROTATE_SIZE, rotate: ROTATED_KEPT, encoding: 'utf8' });
    stream.on('error', () => {
      if (sink.stream === stream) sink.stream = null;
    });
    sink.stream = stream;
    sink.dir = dir;
  } catch {
    sink.dir = null;
    return join(dir, LOG_FILE);
  }
  for (const line of sink.early.splice(0)) sink.stream.write(line);
  if (!sink.channel) {
    sink.channel = new BroadcastChannel(CHANNEL);
    sink.channel.unref();
    sink.channel.onmessage = (m) => {
      const data = (m as MessageEvent).data;
      if (typeof data === 'string') writeLine(data);
    };
  }
  return join(dir, LOG_FILE);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until what was logged (workers' lines included) has reached the file; at most a couple of seconds. */
export async function flushLog(): Promise<void> {
  // Lines posted by workers arrive as messages: give them a turn of the event loop.
  await new Promise<void>((r) => setImmediate(r));
  await sleep(5);
  const deadline = Date.now() + 2000;
  while (sink.stream && sink.stream.writableLength > 0 && Date.now() < deadline) await sleep(5);
}

/** Flushes and closes the file (tests, and the app's exit); the next openLog opens it again. */
export async function closeLog(): Promise<void> {
  await flushLog();
  const stream = sink.stream;
  sink.stream = null;
  sink.dir = null;
  if (!stream) return;
  await new Promise<void>((resolve) => {
    stream.once('finish', () => resolve());
    stream.once('error', () => resolve());
    stream.end();
  });
}

/** The last `maxBytes` of the log (reaching into the previous file when the current one is short), whole lines only. */
export function readLogTail(dataDir: string, maxBytes = 256 * 1024): string[] {
  const current = logFile(dataDir);
  const parts: string[] = [];
  let room = maxBytes;
  for (const file of [current, `${current}.1`]) {
    if (room <= 0) break;
    let text: string;
    try {
      if (!statSync(file).isFile()) continue;
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const piece = text.length > room ? text.slice(text.length - room) : text;
    parts.unshift(piece);
    room -= piece.length;
  }
  const lines = parts.join('').split('\n');
  // The first line may have been cut in the middle when the tail started inside it.
  if (parts.join('').length >= maxBytes) lines.shift();
  return lines.filter((l) => l.trim() !== '');
}
