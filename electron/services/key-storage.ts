/**
 * The key store's file in the user's profile: written atomically (temp file + rename)
 * with owner-only permissions. It holds public keys in clear and secret keys sealed.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KeyStorage, OsSealer } from '../../shared/keys/key-store';

export function fileKeyStorage(filePath: string): KeyStorage {
  return {
    async load() {
      try {
        return await readFile(filePath, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async save(text) {
      await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
      const temporary = `${filePath}.${process.pid}.tmp`;
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, filePath);
    },
  };
}

/** The part of Electron's safeStorage the sealer needs (injected, so this stays testable). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export function safeStorageSealer(safeStorage: SafeStorageLike): OsSealer {
  return {
    available: () => safeStorage.isEncryptionAvailable(),
    seal: async (secret) => safeStorage.encryptString(secret).toString('base64'),
    unseal: async (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
