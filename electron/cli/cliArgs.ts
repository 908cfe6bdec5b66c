import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createServices, type CallContext } from '../app/services';

/**
 * What every command file shares: exit codes, argument parsing whose mistakes are usage errors
 * (runCli prints the usage for them), and the call context a command opens on a database.
 */

export const EXIT = { ok: 0, failed: 1, refused: 2, usage: 64 } as const;

export class UsageError extends Error {}

const RECOVERY_OPTION = '--clave-recuperacion';
/** `--clave-recuperacion TEXTO`, accepted by every command: the database opens with it instead of the key file. */
let recoveryKey: string | undefined;

/** Takes the recovery key out of `argv` (any command may carry it), so each command's own options stay strict. */
function withoutRecoveryKey(argv: string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === RECOVERY_OPTION) {
      const value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`Falta el texto de ${RECOVERY_OPTION}.`);
      recoveryKey = value;
    } else if (a.startsWith(`${RECOVERY_OPTION}=`)) recoveryKey = a.slice(RECOVERY_OPTION.length + 1);
    else rest.push(a);
  }
  return rest;
}

export function args<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: withoutRecoveryKey(argv), options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(usageProblem(e));
  }
}

/** Node's words for a bad command line are English: the option is named, the rest said in Spanish. */
function usageProblem(e: unknown): string {
  const { code, message } = e as NodeJS.ErrnoException;
  const option = message.match(/'(--?[^' <]+)/)?.[1] ?? 'una opción';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `La opción ${option} no existe para este comando.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(message) ? `La opción ${option} no lleva valor.` : `Falta el valor de ${option}.`;
    default:
      return 'Las opciones del comando no se entienden.';
  }
}

/** The `--clave-recuperacion` this command was given, if any (`restaurar-bd` checks a copy with it). */
export function recoveryKeyArg(): string | undefined {
  return recoveryKey;
}

export function need(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Falta --${name}.`);
  return value;
}

/** The operating-system account running the command: the audit log says who, not only "the command line". */
function osUser(): string {
  try {
    return userInfo().username || process.env.USER || process.env.USERNAME || 'desconocido';
  } catch {
    // No passwd entry (some containers): the environment may still name the user.
    return process.env.USER || process.env.USERNAME || 'desconocido';
  }
}

export const cliUser = { id: 'cli', username: 'cli', fullName: `Línea de comandos (usuario del sistema: ${osUser()})`, role: 'ADMIN' as const };

export function context(dbPath: string): CallContext {
  const db = resolve(dbPath);
  return { app: createServices({ dbPath: db, dataDir: dirname(db), ...(recoveryKey !== undefined ? { recoveryKey } : {}) }), session: { user: cliUser, origin: 'cli' } };
}
