import { describe, expect, it } from 'vitest';
import { args, UsageError } from '../../electron/cli/cliArgs';

// A bad command line is told in Spanish, naming the option: Node's own words are English.
const problem = (argv: string[]) => {
  try {
    args(argv, { db: { type: 'string' }, json: { type: 'boolean' } });
  } catch (e) {
    return e instanceof UsageError ? e.message : `otro error: ${String(e)}`;
  }
  return 'aceptado';
};

describe('command-line options', () => {
  it('are refused in Spanish, naming the option', () => {
    expect(problem(['--help'])).toBe('La opción --help no existe para este comando.');
    expect(problem(['--db'])).toBe('Falta el valor de --db.');
    expect(problem(['--json=si'])).toBe('La opción --json no lleva valor.');
    expect(problem(['--db', 'x.sqlite', '--json'])).toBe('aceptado');
  });
});
