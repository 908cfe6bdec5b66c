import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createServices, type CallContext } from '../app/services';

/**
 * What every command file shares: exit codes, argument parsing whose mistakes are usage errors
 * (runCli prints the usage for them), and the call context a command opens on a database.
 */

export const EXIT = { ok: 0, failed: 1, refused: 2, usage: 64 } as const;

export class UsageError extends Error {}

export function args<const O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function need(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Falta --${name}.`);
  return value;
}

const cliUser = { id: 'cli', username: 'cli', fullName: 'Línea de comandos', role: 'ADMIN' as const };

export function context(dbPath: string): CallContext {
  const db = resolve(dbPath);
  return { app: createServices({ dbPath: db, dataDir: dirname(db) }), session: { user: cliUser } };
}
