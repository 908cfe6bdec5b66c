import { assertNever } from './result';

export const ROLES = ['ASESOR', 'COORDINADOR', 'POSVENTA', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function roleLabel(role: Role): string {
  switch (role) {
    case 'ASESOR':
      return 'Asesor CAC';
    case 'COORDINADOR':
      return 'Coordinador regional';
    case 'POSVENTA':
      return 'Posventa';
    case 'ADMIN':
      return 'Administrador';
    default:
      return assertNever(role);
  }
}

/** What each role may do; higher roles include the clerk's work. */
/** `export`: send the office's package to Posventa; `consolidate`: merge packages, clean the base, write the lists. */
/** `diagnostics`: write the support bundle (versions, database checks, the log's tail). */
/** `stations`: the station's identity file, trusting the central (at an office), enrolling offices (at the central). */
export type Capability = 'attend' | 'import' | 'settings' | 'users' | 'review' | 'void' | 'export' | 'consolidate' | 'diagnostics' | 'stations';

export function can(role: Role, capability: Capability): boolean {
  switch (capability) {
    case 'attend':
      return true;
    case 'import':
      return role === 'COORDINADOR' || role === 'POSVENTA' || role === 'ADMIN';
    case 'users':
      return role === 'COORDINADOR' || role === 'ADMIN';
    case 'settings':
      return role === 'ADMIN';
    case 'review':
      return role === 'POSVENTA' || role === 'ADMIN';
    case 'void':
      return role === 'COORDINADOR' || role === 'ADMIN';
    case 'export':
      return role === 'COORDINADOR' || role === 'ADMIN';
    case 'consolidate':
      return role === 'POSVENTA' || role === 'ADMIN';
    case 'diagnostics':
      return role === 'COORDINADOR' || role === 'ADMIN';
    case 'stations':
      return role === 'POSVENTA' || role === 'ADMIN';
    default:
      return assertNever(capability);
  }
}
