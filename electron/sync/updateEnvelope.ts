import { join } from 'node:path';
import { AppFailure } from '../../shared/result';
import { encryptionFingerprint, type EncryptionKeyPair } from '../auth/encryptionKeys';
import { entryFor, isMultiEnvelope, MultiEnvelopeError, openMultiEnvelope, readMultiEnvelopeHeader, type MultiEnvelopeProblem } from '../auth/multiEnvelope';
import { UPDATE_ENVELOPE_CONTENT } from './updateFormat';

/**
 * A national update as it arrives at an office: the envelope encrypted to the enrolled offices
 * (opened with this office's X25519 key into the job's work folder, where the clear zip lives until
 * the folder is removed), or a plain signed zip from a central still on a version before encrypted
 * updates. The plain one is applied — its signature still proves it is Posventa's and whole;
 * refusing it would leave the office without the base while undoing nothing, since it already
 * travelled in the clear — and the result carries a notice saying so.
 */

export interface ReceivedUpdate {
  /** The signed zip to verify: the envelope's contents, or the file itself when it came plain. */
  zipPath: string;
  encrypted: boolean;
}

/** The notice an update that came unencrypted carries. */
export const PLAIN_UPDATE_NOTICE =
  'La actualización llegó sin cifrar (de una versión anterior de Recupera en Posventa): se aplicó porque su firma es válida. Pida a Posventa que actualice Recupera, para que las próximas viajen cifradas.';

const refused = (message: string) => new AppFailure('refused', message);

function problemText(problem: Exclude<MultiEnvelopeProblem, 'not_addressed'>): string {
  switch (problem) {
    case 'damaged':
      return 'La actualización cifrada está dañada (su encabezado no se puede leer). No se aplicó nada. Pida a Posventa que la envíe de nuevo.';
    case 'unsupported':
      return 'La actualización está cifrada con un formato más reciente que el que conoce esta versión de Recupera. Actualice Recupera e intente de nuevo.';
    case 'not_opened':
      return 'La actualización cifrada no se pudo abrir: está incompleta, se dañó en el camino o fue alterada. No se aplicó nada. Pida a Posventa que la envíe de nuevo.';
  }
}

/**
 * Opens a received update for this office (`local` is its code, `key` its X25519 pair, null when
 * this process cannot open the key file). An envelope without an entry for this office's key, or
 * that does not open whole, is refused with the reason; nothing is written outside `work`.
 */
export async function openReceivedUpdate(path: string, work: string, local: { code: string; key: EncryptionKeyPair | null }): Promise<ReceivedUpdate> {
  if (!(await isMultiEnvelope(path))) return { zipPath: path, encrypted: false };
  try {
    const { header } = await readMultiEnvelopeHeader(path);
    if (header.content !== UPDATE_ENVELOPE_CONTENT) throw refused('El archivo cifrado no es una actualización nacional de Recupera.');
    if (!local.key) {
      throw refused(
        'La llave de cifrado de esta oficina no está disponible aquí (por ejemplo, la protege la aplicación de escritorio), así que no puede abrir actualizaciones cifradas. Aplíquela desde la aplicación de Recupera.',
      );
    }
    if (!entryFor(header, local.key.publicKey)) {
      const own = encryptionFingerprint(local.key.publicKey);
      const sameCode = header.recipients.find((r) => r.code === local.code);
      throw refused(
        sameCode
          ? `La actualización está cifrada para otra llave de la oficina ${local.code} (huella ${sameCode.fingerprint}; la de esta estación es ${own}): no se puede abrir. Envíe a Posventa el archivo de identidad actual de esta estación y pida que publique de nuevo.`
          : `La actualización no está cifrada para esta oficina (${local.code}): Posventa no tenía registrada su llave de cifrado cuando la publicó. Envíe a Posventa el archivo de identidad actual de esta estación (identidad o Configuración) y pida que publique de nuevo.`,
      );
    }
    const zipPath = join(work, 'actualizacion.zip');
    await openMultiEnvelope(path, zipPath, local.key);
    return { zipPath, encrypted: true };
  } catch (e) {
    if (e instanceof MultiEnvelopeError) {
      // Checked above: an entry for this key is there.
      if (e.problem === 'not_addressed') throw refused(problemText('not_opened'));
      throw refused(problemText(e.problem));
    }
    if (e instanceof AppFailure) throw e;
    throw refused('No se pudo leer el archivo de la actualización.');
  }
}
