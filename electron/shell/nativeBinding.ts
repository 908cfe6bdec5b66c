import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ELECTRON_BINDING_RELATIVE = join('native', 'electron', 'better_sqlite3.node');

/**
 * better-sqlite3 built for Electron's ABI lives apart from the Node build in node_modules, so
 * tests and the CLI keep working after `npm start`. In a package it is unpacked from the asar.
 */
export function electronBindingPath(appPath: string): string | undefined {
  const candidate = join(appPath, ELECTRON_BINDING_RELATIVE).replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
  return existsSync(candidate) ? candidate : undefined;
}
