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

/** A short heading for an error box; the message itself says the details. */
export function errorTitle(kind: ErrorKind): string {
  switch (kind) {
    case 'validation':
      return 'Revise los datos';
    case 'not_found':
      return 'No encontrado';
    case 'conflict':
      return 'Conflicto';
    case 'refused':
      return 'No permitido';
    case 'internal':
      return 'Error interno';
    default:
      return assertNever(kind);
  }
}
