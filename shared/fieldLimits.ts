/**
 * How long each text Recupera keeps may be (docs/domain.md, "Límites de los campos"). Anything
 * from outside (a base, a list, a package, a mailbox) is checked against these before it is
 * stored; the desk's forms use the same numbers. Lengths are in UTF-16 code units, as JavaScript
 * and SQLite's `length()` on text count them closely enough for a limit.
 */
export const FIELD_LIMITS = {
  regional: 80,
  province: 80,
  city: 80,
  identification: 20,
  name: 200,
  businessLine: 40,
  serviceNumber: 40,
  equipmentType: 80,
  brand: 80,
  model: 80,
  serial: 80,
  phone: 40,
  email: 254,
  /** A paper acta's number in an office's list of earlier returns, and the office it names. */
  actaNumber: 40,
  office: 80,
  /** A raw cell that should hold a value, a date or a flag (VALOR, FECHA DE RETIRO, PAGADO…). */
  rawCell: 100,
  /** Per returned item, written by the clerk. */
  itemNote: 300,
  /** The acta's observations; also a respaldo's note and a review's reason. */
  observations: 1000,
  /** A file name as shown and stored (attachments, uploads, packages). */
  fileName: 200,
  /** A mail message's subject and sender. */
  subject: 500,
  sender: 320,
  /** Any other short free text (station names, user names, settings). */
  shortText: 200,
} as const;

export type LimitedField = keyof typeof FIELD_LIMITS;

// C0 and C1 controls, DEL, and every bidirectional control: the overrides and isolates that can make
// a name read backwards, and the invisible direction marks (LRM, RLM, ALM) no Spanish text needs.
// eslint-disable-next-line no-control-regex
const CONTROLS_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const CONTROLS_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Removes control characters. Single-line text turns tabs and line breaks into spaces (so words
 * stay apart) and drops the rest; multi-line text (observations) keeps tabs and line feeds.
 */
export function stripControls(value: string, multiline = false): string {
  if (multiline) return value.replace(/\r\n?/g, '\n').replace(CONTROLS_MULTI_LINE, '');
  return value.replace(/[\t\n\r\v\f]/g, ' ').replace(CONTROLS_SINGLE_LINE, '');
}

/** True when a value is longer than its field allows. */
export function exceedsLimit(field: LimitedField, value: string | null | undefined): boolean {
  return value != null && value.length > FIELD_LIMITS[field];
}

/** The Spanish reason for a value over its limit, with the field's label as the user knows it. */
export function tooLongMessage(label: string, length: number, max: number): string {
  return `${label} tiene ${length.toLocaleString('es-EC')} caracteres; el máximo es ${max.toLocaleString('es-EC')}.`;
}

/**
 * A value as it may be quoted inside a message or a report: controls removed and cut to `max`
 * characters with an ellipsis, so a hostile 50 MB cell never travels inside an error.
 */
export function excerpt(value: string, max = 60): string {
  const clean = stripControls(value);
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * The largest file a person may choose for Recupera to read (a base, a list, a package): the
 * spreadsheet readers' bound and the browser mode's upload limit, so the message can name it.
 */
export const MAX_CHOSEN_FILE_BYTES = 300 * 1024 * 1024;
