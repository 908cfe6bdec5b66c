import { homedir } from 'node:os';

/**
 * What the diagnostics log may hold: causes and record ids, never a customer. Fields whose name
 * says they carry a person (name, phone, address, e-mail, identification…) are hidden whole; free
 * text (error messages, reasons) is scrubbed of what looks like a person, because an error raised
 * deep inside a library may quote the row it failed on.
 */

export const HIDDEN = '[oculto]';

/**
 * Keys that hold a person, a whole record or a secret, at any depth (an id of one, `customerId`, is
 * kept). `username` is a person's handle too.
 */
const SENSITIVE_KEY =
  /(name|nombre|apellido|phone|tel[eé]fono|celular|mobile|address|direcci[oó]n|e-?mail|correo|identif|c[eé]dula|^ruc$|holder|titular|tercero|customer|cliente|^(row|fila|record|registro)$|password|clave|token|secret|signature|firma)/i;

/** Keys that hold ids, codes and hashes: kept as they are when they have no spaces (a name has). */
const ID_KEY = /^(id|ids|[a-z]\w*Ids?|channel|kind|status|code|batch|acta|sha256|level|event|version)$/;

/** A record id must not be mangled by the number rule (UUIDs, acta numbers), but a phrase is still scrubbed. */
const ID_VALUE = /^[\w.:/-]{1,120}$/;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/**
 * Phones, cédulas, RUCs, service numbers: 7 or more digits, maybe with spaces, dashes or a
 * leading +, standing alone (inside a UUID or an acta number they are part of an id, not a number).
 */
const LONG_NUMBER = /(?<![\p{L}\p{N}_-])\+?\(?\d(?:[\d\s()-]{5,}\d)(?![\p{L}\p{N}_-])/gu;
/** A word that starts with a capital and is only letters (hyphens and apostrophes inside). */
const WORD = String.raw`\p{Lu}[\p{L}'’-]*\p{L}(?![\p{L}\p{N}_'’-])`;
const PARTICLE = String.raw`(?:de|del|la|las|los|y|da|das|do|dos|van|von|di)`;
/** Two or more capitalised words in a row — how names are written in the base (JUAN PEREZ, Juan de la Torre). */
const NAME = new RegExp(String.raw`(?<![\p{L}\p{N}_'’-])${WORD}(?:\s+(?:${PARTICLE}\s+)*${WORD})+`, 'gu');

const HOME = homedir();

/** A path or a line with the user's home folder shown as `~`. */
export function withoutHome(text: string): string {
  if (HOME.length < 2) return text;
  // The OS account's folder often is the person's name; what matters is the path below it.
  return text.split(HOME).join('~');
}

/** Free text with people taken out: e-mails, long numbers, runs of capitalised words, the home folder. */
export function scrubText(text: string): string {
  return withoutHome(text).replace(EMAIL, '[correo]').replace(NAME, '[nombre]').replace(LONG_NUMBER, '[número]');
}

const MAX_STACK_LINES = 20;

/** A stack's frames name code, not people (the home folder aside); its message lines are free text. */
function scrubStack(stack: string): string {
  return stack
    .split('\n')
    .slice(0, MAX_STACK_LINES)
    .map((line) => (/^\s+at /.test(line) ? withoutHome(line) : scrubText(line)))
    .join('\n');
}

/** An error as the log keeps it: its type, the library's code, its message and stack scrubbed, its causes. */
export function errorFields(e: unknown, depth = 0): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: scrubText(typeof e === 'string' ? e : safeString(e)) };
  const out: Record<string, unknown> = { type: e.name, message: scrubText(e.message) };
  const extra = e as Error & { kind?: unknown; code?: unknown; errno?: unknown; syscall?: unknown };
  if (typeof extra.kind === 'string') out.kind = extra.kind;
  if (typeof extra.code === 'string' || typeof extra.code === 'number') out.code = extra.code;
  if (typeof extra.errno === 'number') out.errno = extra.errno;
  if (typeof extra.syscall === 'string') out.syscall = extra.syscall;
  if (e.stack) out.stack = scrubStack(e.stack);
  if (e.cause !== undefined && depth < 3) out.cause = errorFields(e.cause, depth + 1);
  return out;
}

function safeString(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return Object.prototype.toString.call(v);
  }
}

const MAX_DEPTH = 4;
const MAX_ITEMS = 20;
const MAX_STRING = 2000;

function cleanValue(value: unknown, key: string, depth: number): unknown {
  if (key && SENSITIVE_KEY.test(key) && !/Ids?$/.test(key)) return HIDDEN;
  if (value instanceof Error || (key === 'err' && value !== null && value !== undefined)) return errorFields(value);
  if (typeof value === 'string') {
    const s = value.length > MAX_STRING ? value.slice(0, MAX_STRING) + '…' : value;
    return ID_KEY.test(key) && ID_VALUE.test(s) ? s : scrubText(s);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return value;
  if (typeof value === 'bigint') return value.toString();
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => cleanValue(v, key, depth + 1));
    if (value.length > MAX_ITEMS) items.push(`[… ${value.length - MAX_ITEMS} más]`);
    return items;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cleanValue(v, k, depth + 1);
    return out;
  }
  return `[${typeof value}]`;
}

/** The fields of one log record, ready to write: sensitive keys hidden, errors serialised, text scrubbed. */
export function redactFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = cleanValue(v, k, 0);
  return out;
}
