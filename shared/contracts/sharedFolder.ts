import { z } from 'zod';
import { contract, Empty } from './contract';
import { FileToken } from './fileRef';

/**
 * The folder shared with Posventa (a network share): offices drop their packages into
 * `paquetes/` and pick up national updates from `actualizaciones/`; the central does the reverse.
 * Without one, files are carried by hand.
 */

export const SharedFolderState = z.object({
  /** The configured folder, or null when files are carried by hand. */
  path: z.string().nullable(),
  /** Whether the folder answered just now (a network share may be down). */
  reachable: z.boolean(),
  /** Why it did not, in Spanish. */
  problem: z.string().nullable(),
});
export type SharedFolderState = z.infer<typeof SharedFolderState>;

/** Something the pickup did on its own (an update applied or refused), shown once. */
export const SharedFolderNotice = z.object({ at: z.string(), tone: z.enum(['ok', 'error']), text: z.string() });
export type SharedFolderNotice = z.infer<typeof SharedFolderNotice>;

/** A package waiting in the shared folder: `token` names it to sync:consolidate like a file the person chose. */
export const SharedPackage = z.object({
  name: z.string(),
  token: FileToken,
  size: z.number().int().nonnegative(),
  modifiedAt: z.string(),
  /** This very file was refused here before (the latest time, and the reason given then): not tried again unless asked. */
  refused: z.object({ at: z.string(), reason: z.string() }).optional(),
});
export type SharedPackage = z.infer<typeof SharedPackage>;

export const sharedFolderGet = contract('sharedFolder:get', Empty, SharedFolderState);

/** Sets the folder (checked: it exists and can be written) or clears it with null. */
export const sharedFolderSet = contract(
  'sharedFolder:set',
  z.object({ path: z.string().trim().min(1, 'Escriba la ruta de la carpeta compartida.').max(1000).nullable() }),
  SharedFolderState,
);

/** The pickup's notices not yet shown; taking them empties the list. */
export const sharedFolderNotices = contract('sharedFolder:notices', Empty, z.array(SharedFolderNotice));

/** At the central: office packages in the shared folder that were not consolidated here yet. */
export const sharedFolderPackages = contract('sharedFolder:packages', Empty, z.object({ folder: z.string().nullable(), packages: z.array(SharedPackage) }));
