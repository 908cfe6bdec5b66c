import { createHash } from 'node:crypto';
import { ACTA_CSS } from '../../shared/acta/template';
import { DAILY_CLOSE_CSS } from '../../shared/dailyClosePrint';

/** A CSP source that allows one inline `<style>` element whose text is exactly `css`. */
export function styleHashSource(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

/**
 * The acta's preview is its own HTML in an iframe's srcdoc (the same HTML the printout and the
 * stored PDF use), and a srcdoc document lives under the page's CSP: its one `<style>` is allowed
 * by hash, nothing else inline.
 */
export const ACTA_STYLE_SOURCE = styleHashSource(ACTA_CSS);
/** The cierre del día's preview, the same way (shared/dailyClosePrint.ts). */
export const DAILY_CLOSE_STYLE_SOURCE = styleHashSource(DAILY_CLOSE_CSS);

const DIRECTIVES: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  // Stylesheets are files (Vite); React's style props go through CSSOM, which CSP does not gate.
  ['style-src', "'self'", ACTA_STYLE_SOURCE, DAILY_CLOSE_STYLE_SOURCE],
  ['img-src', "'self'", 'data:', 'blob:'],
  // The acta carries its own typeface inline (shared/acta/template.ts), under the hash above.
  ['font-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  // Respaldo documents open in the shell's viewer window or a new tab, never in a frame here.
  ['frame-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** No remote content, no inline scripts or styles, no eval: the renderer only talks to its own origin. */
export const CSP = DIRECTIVES.map((d) => d.join(' ')).join('; ');

/**
 * The same policy for the page's `<meta>` (injected at build, vite.config.ts): a meta CSP cannot
 * carry frame-ancestors (the browser ignores it with a console error), the header does.
 */
export const CSP_META = DIRECTIVES.filter(([name]) => name !== 'frame-ancestors')
  .map((d) => d.join(' '))
  .join('; ');
