import { safeStorage } from 'electron';
import { PLAIN_KEYS, type KeyProtector } from '../auth/keyFile';
import { log } from '../platform/log';

/**
 * The station's private key sealed with safeStorage: DPAPI on Windows, the Keychain on macOS, the
 * secret service on Linux, so the key file alone (copied to another PC or user) cannot sign. Where
 * the system offers no such store the key is kept as the CLI keeps it, and the log says so.
 */
export function safeStorageKeys(): KeyProtector {
  if (!safeStorage.isEncryptionAvailable()) {
    log.warn('keys.unprotected', { reason: 'safeStorage is not available on this system' });
    return PLAIN_KEYS;
  }
  return {
    kind: 'safeStorage',
    protect: (plain) => safeStorage.encryptString(plain.toString('base64')),
    unprotect: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}
