import { stripControls } from '../../shared/fieldLimits';

/**
 * Text from outside (a subject, a name, a file name, a reason quoting a cell) as the command line
 * may print it: terminal escape sequences removed whole (so `ESC [2J` cannot clear the screen or
 * recolour a line and leaves no `[2J` behind), then every C0/C1 control and bidirectional override.
 */
// ESC followed by a CSI (`[` … final byte), an OSC/DCS/PM/APC string (up to BEL or ST), or a single
// character; the 8-bit CSI (U+009B) and OSC (U+009D) too.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\u001b\[[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u001b[\]P^_X][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[\u0020-\u007e]?|\u009b[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|\u009d[^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;

/** One line: escapes and controls removed, line breaks and tabs turned into spaces. */
export function printable(text: string): string {
  return stripControls(text.replace(ESCAPES, ''));
}

/** Several lines (the usage text, a summary): escapes and controls removed, line feeds kept. */
export function printableLines(text: string): string {
  return stripControls(text.replace(ESCAPES, '').replace(/\t/g, ' '), true);
}
