import { z } from 'zod';
import { ROLES } from '../roles';
import { contract, Empty } from './contract';

export const StationInfo = z.object({
  code: z.string(),
  office: z.string(),
  regional: z.string().nullable(),
  city: z.string().nullable(),
  /** Posventa's central: it publishes national updates and sends no office package (absent: an office). */
  central: z.boolean().optional(),
});
export type StationInfo = z.infer<typeof StationInfo>;

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: z.enum(ROLES),
  /** A temporary password was set for them: until they choose their own, only that screen opens. */
  mustChangePassword: z.boolean().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const appInfo = contract(
  'app:info',
  Empty,
  z.object({
    version: z.string(),
    station: StationInfo.nullable(),
    /** False until the first-run wizard has set the station and the first user. */
    initialized: z.boolean(),
    needsAdmin: z.boolean(),
    user: SessionUser.nullable(),
    /** The session is locked (idle lock): the renderer shows the lock screen, not the app. */
    locked: z.boolean().optional(),
    /**
     * How big the base is, for the search screen; null until someone is signed in and unlocked: counting
     * a million-row base takes a moment the sign-in screen must not wait for, and says nothing to a stranger.
     */
    counts: z.object({ customers: z.number().int(), services: z.number().int(), items: z.number().int() }).nullable(),
  }),
);

export const Password = z.string().min(8, 'La contraseña debe tener al menos 8 caracteres.').max(200);

export const NewUser = z.object({
  username: z
    .string()
    .trim()
    .min(3, 'El usuario debe tener al menos 3 caracteres.')
    .max(40)
    .regex(/^[a-zA-Z0-9._-]+$/, 'Use letras sin tildes, números, punto, guion o guion bajo.'),
  fullName: z.string().trim().min(3, 'Escriba el nombre completo.').max(120),
  password: Password,
});

export const setupInit = contract(
  'setup:init',
  z.object({
    stationCode: z.string().trim().min(1, 'Escriba el código de estación.'),
    office: z.string().trim().min(2, 'Escriba el nombre de la oficina.').max(120),
    regional: z.string().trim().max(80).optional(),
    city: z.string().trim().max(80).optional(),
    admin: NewUser.optional(),
    /** This PC is Posventa's central station: it enrols the offices and signs the national updates. */
    central: z.boolean().optional(),
  }),
  z.object({
    station: StationInfo,
    user: SessionUser.nullable(),
    /** The data key written for people (14 groups of 4): shown once, here, to be kept on paper. */
    recoveryKey: z.string(),
  }),
);

/**
 * The recovery key of a database that was encrypted at start-up (it was plain, from an earlier
 * version), given once to the first administrator or coordinator who signs in; null otherwise.
 */
export const appRecoveryKey = contract('app:recoveryKey', Empty, z.object({ recoveryKey: z.string().nullable() }));

export const setupAdmin = contract('setup:admin', NewUser, SessionUser);

/** Writes the support bundle (versions, the database's checks, station, campaign, the log's tail) into the data folder. */
export const appDiagnostics = contract('app:diagnostics', Empty, z.object({ path: z.string(), fileName: z.string() }));
