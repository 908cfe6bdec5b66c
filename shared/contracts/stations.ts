import { z } from 'zod';
import { Fingerprint, StationRole } from '../identity';
import { contract, Empty } from './contract';
import { PickedFile } from './fileRef';

/**
 * Who trusts whom (docs/domain.md §2.3): this station's public identity, the central an office
 * trusts, the offices the central enrols, and the history of every key change.
 */

const Station = z.object({
  code: z.string(),
  office: z.string(),
  regional: z.string().nullable(),
  city: z.string().nullable(),
  role: StationRole,
});

const TrustedStation = Station.extend({
  fingerprint: z.string(),
  /** When its key became trusted here. */
  trustedAt: z.string(),
});
export type TrustedStation = z.infer<typeof TrustedStation>;

export const stationsIdentity = contract(
  'stations:identity',
  Empty,
  z.object({
    local: Station.extend({
      fingerprint: z.string().nullable(),
      /** Why this station cannot sign right now (its key file is missing or another station's), or null. */
      keyProblem: z.string().nullable(),
    }),
    /** At an office: the central it trusts, or null until someone confirms one. At the central: itself. */
    central: TrustedStation.nullable(),
  }),
);

const SavedIdentity = Station.extend({ fingerprint: z.string(), path: z.string(), fileName: z.string() });
export type SavedIdentity = z.infer<typeof SavedIdentity>;

/** Writes this station's signed public identity to `path`, or into the data folder to offer a copy. */
export const stationsSaveIdentity = contract(
  'stations:saveIdentity',
  z.object({ path: z.string().trim().min(1).optional() }),
  SavedIdentity,
);

const Reason = z.string().trim().max(500, 'El motivo no puede pasar de 500 caracteres.');

/** What trusting or enrolling an identity does here: the first trust, nothing, or a replacement that needs a motivo. */
export const TrustAction = z.enum(['NUEVA', 'SIN_CAMBIOS', 'REEMPLAZO']);
export type TrustAction = z.infer<typeof TrustAction>;

const IdentityPreview = Station.extend({
  stationId: z.string(),
  fingerprint: Fingerprint,
  createdAt: z.string(),
  action: TrustAction,
  /** The key trusted here now that a replacement would retire. */
  previous: z.object({ code: z.string(), office: z.string(), fingerprint: z.string().nullable() }).nullable(),
});
export type IdentityPreview = z.infer<typeof IdentityPreview>;

/** Reads and checks an identity file and says what trusting it would do, without trusting it. */
export const stationsReadIdentityFile = contract('stations:readIdentityFile', z.object({ file: PickedFile }), IdentityPreview);

const TrustInput = z.object({
  /** The identity file the person chose, by token (contracts/fileRef.ts). */
  file: PickedFile,
  /** The fingerprint the person confirmed on screen: the file must still carry it. */
  fingerprint: Fingerprint.optional(),
  reason: Reason.optional(),
});

const TrustOutcome = Station.extend({
  status: z.enum(['CONFIADA', 'REGISTRADA', 'REEMPLAZADA', 'SIN_CAMBIOS']),
  fingerprint: z.string(),
  previousFingerprint: z.string().nullable(),
  /** What happened, in Spanish, ready to show. */
  message: z.string(),
});
export type TrustOutcome = z.infer<typeof TrustOutcome>;

/** At an office: trust the central whose identity file this is (replacing one needs a motivo). */
export const stationsTrustCentral = contract('stations:trustCentral', TrustInput, TrustOutcome);

/** At the central: enrol an office's key (a different key for an enrolled code needs a motivo). */
export const stationsEnrol = contract('stations:enrol', TrustInput, TrustOutcome);

export const KEY_EVENTS = ['CREADA', 'REGISTRADA', 'REEMPLAZADA', 'CENTRAL_CONFIADA', 'CENTRAL_REEMPLAZADA', 'RECIBIDA'] as const;

const KeyEvent = z.object({
  id: z.string(),
  stationCode: z.string(),
  event: z.enum(KEY_EVENTS),
  fingerprint: z.string(),
  previousFingerprint: z.string().nullable(),
  reason: z.string().nullable(),
  userName: z.string().nullable(),
  at: z.string(),
});
export type KeyEvent = z.infer<typeof KeyEvent>;

const KnownStation = Station.extend({
  local: z.boolean(),
  fingerprint: z.string().nullable(),
  /** Null: seen here (in a package) but its key is not trusted. */
  trustedAt: z.string().nullable(),
});
export type KnownStation = z.infer<typeof KnownStation>;

export const stationsList = contract(
  'stations:list',
  Empty,
  z.object({ role: StationRole, stations: z.array(KnownStation), events: z.array(KeyEvent) }),
);

export function keyEventLabel(e: KeyEvent['event']): string {
  switch (e) {
    case 'CREADA':
      return 'Clave creada';
    case 'REGISTRADA':
      return 'Estación registrada';
    case 'REEMPLAZADA':
      return 'Clave reemplazada';
    case 'CENTRAL_CONFIADA':
      return 'Central confiada';
    case 'CENTRAL_REEMPLAZADA':
      return 'Central reemplazada';
    case 'RECIBIDA':
      return 'Recibida en una actualización';
    default:
      return e satisfies never;
  }
}
