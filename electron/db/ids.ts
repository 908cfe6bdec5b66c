import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

// Random bytes drawn in bulk: one system call per 256 ids instead of one per id (imports make millions).
const pool = Buffer.alloc(16 * 256);
let offset = pool.length;

function random16(): Uint8Array {
  if (offset >= pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

/** Time-ordered UUIDs (v7): unique across offices without coordination, and index-friendly. */
export function newId(): string {
  return v7({ random: random16() });
}

export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}
