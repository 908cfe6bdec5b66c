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
/** `audit`: read, verify and export the audit log (a coordinator their station's, Posventa and ADMIN every station's). */
/** `progress`: the Avance dashboard (a coordinator their station's actas, Posventa and ADMIN every station's). */
/** `dailyClose`: open the cierre del día; `dailyCloseCount`: enter its physical count and sign it. */
export type Capability = 'attend' | 'import' | 'settings' | 'users' | 'review' | 'void' | 'export' | 'consolidate' | 'diagnostics' | 'stations' | 'audit' | 'progress' | 'dailyClose' | 'dailyCloseCount';

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
    case 'audit':
      return role === 'COORDINADOR' || role === 'POSVENTA' || role === 'ADMIN';
    case 'progress':
      return role === 'COORDINADOR' || role === 'POSVENTA' || role === 'ADMIN';
    case 'dailyClose':
      return role === 'COORDINADOR' || role === 'POSVENTA' || role === 'ADMIN';
    case 'dailyCloseCount':
      return role === 'COORDINADOR' || role === 'ADMIN';
    default:
      return assertNever(capability);
  }
}

/**
 * Who gives which role: an administrator any; a coordinator only clerks (ASESOR), so nobody can
 * reach the Posventa queue or the settings by making a user for themselves; the rest nobody.
 */
export function assignableRoles(callerRole: Role): Role[] {
  switch (callerRole) {
    case 'ADMIN':
      return [...ROLES];
    case 'COORDINADOR':
      return ['ASESOR'];
    case 'ASESOR':
    case 'POSVENTA':
      return [];
    default:
      return assertNever(callerRole);
  }
}

/** A user as far as managing them goes: their role and the station that created them. */
export interface ManagedUser {
  role: Role;
  originStation: string;
}

/**
 * Whether `callerRole` may edit, deactivate, reactivate or reset the password of `target` at the
 * station `localStation`: an administrator anyone; a coordinator only the clerks of this station.
 * Self-protection (not deactivating oneself, keeping one active administrator) is checked apart.
 */
export function canManage(callerRole: Role, target: ManagedUser, localStation: string): boolean {
  switch (callerRole) {
    case 'ADMIN':
      return true;
    case 'COORDINADOR':
      return target.role === 'ASESOR' && target.originStation === localStation;
    case 'ASESOR':
    case 'POSVENTA':
      return false;
    default:
      return assertNever(callerRole);
  }
}
