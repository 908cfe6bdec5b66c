import type Database from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../shared/result';
import { MIGRATIONS, type Migration } from './migrations';

/**
 * Throws a developer error unless the versions run 1, 2, 3… in order with no gap or repeat:
 * `user_version` alone says which migrations a database has, so the list must be exactly that.
 */
export function checkSequence(migrations: readonly Migration[]): void {
  if (migrations.length === 0) throw new Error('The migration list is empty: it must start at version 1.');
  migrations.forEach((m, i) => {
    if (m.version === i + 1) return;
    const problem = i > 0 && m.version === migrations[i - 1]!.version ? 'repeats the version before it' : `should be version ${i + 1}`;
    throw new Error(
      `Migration "${m.name}" (version ${m.version}) at position ${i + 1} ${problem}: versions must run 1, 2, 3… with no gap or repeat (see electron/db/migrations/index.ts).`,
    );
  });
}

/**
 * Brings the database up to the last migration of `migrations` (the app's list unless a test
 * passes a shorter one). Pending migrations run in order inside one IMMEDIATE transaction, so a
 * failure leaves the database as it was. A database from a newer app is refused, never touched.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  /** Runs once before the first pending migration (the copy of the database taken first); a throw leaves the database untouched. */
  beforeMigrate?: (db: Database.Database, from: number, to: number) => void,
): { from: number; to: number } {
  checkSequence(migrations);
  const latest = migrations[migrations.length - 1]!.version;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) {
    throw new AppFailure(
      'refused',
      `La base de datos es de una versión más reciente de Recupera (esquema ${from}; esta versión conoce hasta ${latest}). Actualice la aplicación antes de abrirla.`,
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  beforeMigrate?.(db, from, latest);
  db.transaction(() => {
    // Another process opening the same database may have migrated it while this one waited for the lock.
    const now = db.pragma('user_version', { simple: true }) as number;
    for (const m of pending.filter((p) => p.version > now)) {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
  return { from, to: latest };
}
