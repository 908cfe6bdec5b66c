import { join } from 'node:path';
import type { EncryptionKeyPair } from '../auth/encryptionKeys';
import { encryptionFingerprint } from '../auth/encryptionKeys';
import { EnvelopeError, isEnvelope, openEnvelope, readEnvelopeHeader, type EnvelopeProblem } from '../auth/envelope';
import { sha256File } from '../files/hash';
import { ENVELOPE_CONTENT } from './packageFormat';
import { PackageRefused } from './readPackage';

/**
 * A package as it arrives at the central: the envelope encrypted to this central (opened into the
 * job's work folder, where the clear zip lives until the folder is removed), or a plain signed zip
 * from an office still on a version before encryption. The plain one is accepted — its signature
 * still proves who made it and that nothing changed; refusing it would strand that office while
 * undoing nothing, since it already travelled in the clear — and the outcome says so.
 */

export interface ReceivedPackage {
  /** The signed zip to verify: the envelope's contents, or the file itself when it came plain. */
  zipPath: string;
  /** SHA-256 of the file as received (what the office recorded and the shared folder lists by). */
  sha256: string;
  encrypted: boolean;
}

/** The warning a plain package's outcome carries. */
export const PLAIN_PACKAGE_WARNING =
  'Paquete sin cifrar, de una versión anterior de Recupera: se aceptó porque su firma es válida. Pida a la oficina que actualice Recupera y confíe en el archivo de identidad actual de la central, para que sus próximos paquetes viajen cifrados.';

const NOT_OPENED =
  'El paquete cifrado no se pudo abrir: está incompleto, se dañó en el camino o fue alterado. No se guardó nada de él. Pida a la oficina que lo copie o envíe de nuevo.';

function problemText(problem: EnvelopeProblem): string {
  switch (problem) {
    case 'damaged':
      return 'El paquete cifrado está dañado (su encabezado no se puede leer). No se guardó nada de él. Pida a la oficina que lo copie o envíe de nuevo.';
    case 'unsupported':
      return 'El paquete está cifrado con un formato más reciente que el que conoce esta versión de Recupera. Actualice Recupera e intente de nuevo.';
    case 'not_opened':
      return NOT_OPENED;
  }
}

/** SHA-256 of a package's file as it arrived: what the central records it by. */
export function receivedSha256(path: string): Promise<string> {
  return sha256File(path).catch(() => {
    throw new PackageRefused('No se pudo leer el archivo del paquete.');
  });
}

/**
 * Opens a received package for this central (`local` is its code, `key` its X25519 pair). An
 * envelope addressed to another central or another key of this one, or that does not open whole,
 * is refused with the reason; nothing is written outside `work`.
 */
export async function openReceivedPackage(
  path: string,
  work: string,
  local: { code: string; key: EncryptionKeyPair | null },
  /** The file's SHA-256 when the caller already hashed it (consolidate.ts, to skip a package already applied). */
  knownSha256?: string,
): Promise<ReceivedPackage> {
  const sha256 = knownSha256 ?? (await receivedSha256(path));
  if (!(await isEnvelope(path))) return { zipPath: path, sha256, encrypted: false };
  try {
    const { header } = await readEnvelopeHeader(path);
    if (header.content !== ENVELOPE_CONTENT) throw new PackageRefused('El archivo cifrado no es un paquete de una oficina.');
    if (header.recipient.code !== local.code) {
      throw new PackageRefused(
        `El paquete está cifrado para la central ${header.recipient.code}, no para esta estación (${local.code}): aquí no se puede abrir. Consolídelo en esa central, o pida a la oficina que confíe en esta central y exporte de nuevo.`,
      );
    }
    if (!local.key) {
      throw new PackageRefused(
        'La llave de cifrado de esta central no está disponible aquí (por ejemplo, la protege la aplicación de escritorio), así que no puede abrir paquetes cifrados. Consolide desde la aplicación de Recupera.',
      );
    }
    const own = encryptionFingerprint(local.key.publicKey);
    if (header.recipient.fingerprint !== own) {
      throw new PackageRefused(
        `El paquete está cifrado para otra llave de la central ${local.code} (huella ${header.recipient.fingerprint}; la de esta estación es ${own}): no se puede abrir. Pida a la oficina que confíe en el archivo de identidad actual de esta central y exporte de nuevo.`,
      );
    }
    const zipPath = join(work, 'paquete-recibido.zip');
    await openEnvelope(path, zipPath, local.key.privateKey);
    return { zipPath, sha256, encrypted: true };
  } catch (e) {
    if (e instanceof EnvelopeError) throw new PackageRefused(problemText(e.problem));
    if (e instanceof PackageRefused) throw e;
    throw new PackageRefused('No se pudo leer el archivo del paquete.');
  }
}
