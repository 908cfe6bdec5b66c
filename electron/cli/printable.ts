import { stripEscapes } from '../../shared/escapes';
import { stripControls } from '../../shared/fieldLimits';

/**
 * Text from outside (a subject, a name, a file name, a reason quoting a cell) as the command line
 * may print it: terminal escape sequences removed whole (so `ESC [2J` cannot clear the screen or
 * recolour a line and leaves no `[2J` behind), then every C0/C1 control and bidirectional override.
 */

/** One line: escapes and controls removed, line breaks and tabs turned into spaces. */
export function printable(text: string): string {
  return stripControls(stripEscapes(text));
}

/** Several lines (the usage text, a summary): escapes and controls removed, line feeds kept. */
export function printableLines(text: string): string {
  return stripControls(stripEscapes(text).replace(/\t/g, ' '), true);
}
