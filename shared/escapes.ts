/**
 * Terminal escape sequences, removed whole: ESC followed by a CSI (`[` … final byte), an
 * OSC/DCS/PM/APC string (up to BEL or ST), or a single character; the 8-bit CSI (U+009B) and OSC
 * (U+009D) too. Stripping only the ESC would leave `[2J` behind in a subject or a name.
 */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u001b[\]P^_X][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[\u0020-\u007e]?|\u009b[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u009d[^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;

export function stripEscapes(text: string): string {
  return text.replace(ESCAPES, '');
}
