import { decisionLabel, conflictKindLabel } from './conflicts';
import { CONFLICT_DECISIONS } from './contracts/conflicts';
import { DB_BACKUP_KINDS, dbBackupKindLabel } from './contracts/dbBackups';
import { CONFLICT_KINDS } from './contracts/sync';
import { roleLabel, ROLES } from './roles';

const among = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

/** Codes an entry's detail stores that have no label of their own elsewhere. */
const WORDS: Record<string, Record<string, string>> = {
  kind: { COMPLETA: 'completa', INCREMENTAL: 'incremental' },
  decision: { ACEPTAR: 'aceptar', RECHAZAR: 'rechazar' },
  role: { OFICINA: 'oficina', CENTRAL: 'central de Posventa' },
  deliveredBy: { TITULAR: 'el titular', TERCERO: 'un tercero' },
};

/**
 * The words for a code an entry's detail keeps under `key` (a conflict's kind and decision, a
 * profile, who handed the equipment over…), as the screens say them; undefined for any other value,
 * which is shown as stored. The detail keeps the code: it is chained, and never rewritten.
 */
export function auditCodeText(key: string, value: string): string | undefined {
  switch (key) {
    case 'kind':
      if (among(CONFLICT_KINDS, value)) return conflictKindLabel(value);
      if (among(DB_BACKUP_KINDS, value)) return dbBackupKindLabel(value);
      break;
    case 'decision':
      if (among(CONFLICT_DECISIONS, value)) return decisionLabel(value);
      break;
    case 'role':
      if (among(ROLES, value)) return roleLabel(value);
      break;
    default:
      break;
  }
  return Object.hasOwn(WORDS, key) && Object.hasOwn(WORDS[key]!, value) ? WORDS[key]![value] : undefined;
}
