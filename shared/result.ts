/** Every handler answers with a Result; errors carry a kind and a Spanish message for the user. */
export type ErrorKind = 'validation' | 'not_found' | 'conflict' | 'refused' | 'internal';

export interface AppError {
  kind: ErrorKind;
  /** Plain Spanish, ready to show: what happened and what to do next. */
  message: string;
  /** Field-level problems for forms, keyed by field name. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(kind: ErrorKind, message: string, fields?: Record<string, string>): { ok: false; error: AppError } {
  return fields ? { ok: false, error: { kind, message, fields } } : { ok: false, error: { kind, message } };
}

/** Thrown inside use cases to abort a transaction with a typed error; handlers turn it into a Result. */
export class AppFailure extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}

export function assertNever(value: never): never {
  throw new Error(`Valor no previsto: ${String(value)}`);
}

/**
 * The heading an error box shows when the screen gives none. A kind says how the program sorts a
 * failure, not what happened to the user ("No permitido." over a cancelled import or an unreadable
 * file): only an unexpected failure gets a heading of its own; for the rest the message, which says
 * what happened and what to do, stands alone, and screens name the situation themselves.
 */
export function errorTitle(kind: ErrorKind): string | null {
  switch (kind) {
    case 'internal':
      return 'Error inesperado';
    case 'validation':
    case 'not_found':
    case 'conflict':
    case 'refused':
      return null;
    default:
      return assertNever(kind);
  }
}
