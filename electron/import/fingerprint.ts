/** FNV-1a: a cheap fingerprint to tell a repeated value from a different one with the same key. */
export function fingerprint(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// Row number and fingerprint packed in one double (22 + 32 bits) to keep a million keys small.
const ROW_SPAN = 2 ** 22;

export function pack(print: number, row: number): number {
  return print * ROW_SPAN + (row % ROW_SPAN);
}

export function unpack(packed: number): { print: number; row: number } {
  return { print: Math.floor(packed / ROW_SPAN), row: packed % ROW_SPAN };
}
