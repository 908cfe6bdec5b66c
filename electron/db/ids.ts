import { v7 } from 'uuid';

/** Time-ordered UUIDs: unique across offices without coordination, and index-friendly. */
export function newId(): string {
  return v7();
}

export function nowIso(date: Date = new Date()): string {
  return date.toISOString();
}
