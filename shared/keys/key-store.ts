/**
 * The analyst's key store, one implementation for both hosts: the Electron main process
 * gives it a file and the OS key store (safeStorage); the browser host gives it
 * localStorage and only passphrase sealing. Entries hold the public key in clear and
 * the secret key sealed; the secret never leaves the host and is never logged.
 */
import { z } from 'zod';
import { generateAnalystKey, recipientOf, sealWithPassphrase, unsealWithPassphrase } from './identity';

export type KeyProtection = 'os-keystore' | 'passphrase';

export interface StoredKeyInfo {
  id: string;
  label: string;
  /** Public key (age1…) to give the data team. */
  recipient: string;
  protection: KeyProtection;
  created: string;
}

export interface NewKeyRequest {
  label: string;
  protection: KeyProtection;
  /** Required for 'passphrase' protection. */
  passphrase?: string;
}

/** Seals with the operating system's key store (Electron safeStorage). */
export interface OsSealer {
  available(): boolean;
  seal(secret: string): Promise<string>;
  unseal(sealed: string): Promise<string>;
}

export interface KeyStorage {
  load(): Promise<string | null>;
  save(text: string): Promise<void>;
}

const entrySchema = z.object({
  id: z.string(),
  label: z.string(),
  recipient: z.string().startsWith('age1'),
  protection: z.enum(['os-keystore', 'passphrase']),
  created: z.string(),
  sealed: z.string(),
});
const fileSchema = z.object({ version: z.literal(1), keys: z.array(entrySchema) });
type Entry = z.infer<typeof entrySchema>;

export class KeyStoreError extends Error {
  constructor(
    readonly code: 'no-such-key' | 'wrong-key-passphrase' | 'os-keystore-unavailable' | 'invalid-request' | 'corrupt-store',
    detail: string,
  ) {
    // The code leads the message so it survives the IPC boundary, where only messages cross.
    super(`${code}: ${detail}`);
    this.name = 'KeyStoreError';
  }
}

export const MIN_KEY_PASSPHRASE_LENGTH = 8;

export type KeyStoreErrorCode = KeyStoreError['code'];

/** The key-store error code at the start of an error message, if any. */
export function keyStoreErrorCode(message: string): KeyStoreErrorCode | null {
  const match = /^(no-such-key|wrong-key-passphrase|os-keystore-unavailable|invalid-request|corrupt-store):/.exec(message);
  return (match?.[1] as KeyStoreErrorCode | undefined) ?? null;
}

export class KeyStore {
  constructor(
    private readonly storage: KeyStorage,
    private readonly os: OsSealer | null,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  osKeystoreAvailable(): boolean {
    return this.os?.available() ?? false;
  }

  async list(): Promise<StoredKeyInfo[]> {
    return (await this.read()).map(({ sealed: _sealed, ...info }) => info);
  }

  async create(request: NewKeyRequest): Promise<StoredKeyInfo> {
    const { identity } = await generateAnalystKey();
    return this.add(identity, request);
  }

  /** Stores an existing identity (e.g. from an age-keygen file). */
  async add(identity: string, request: NewKeyRequest): Promise<StoredKeyInfo> {
    const label = request.label.trim();
    if (label.length === 0 || label.length > 100) throw new KeyStoreError('invalid-request', 'a key needs a label of 1–100 characters');
    let recipient: string;
    try {
      recipient = await recipientOf(identity);
    } catch {
      throw new KeyStoreError('invalid-request', 'not an age X25519 identity (AGE-SECRET-KEY-1…)');
    }
    const sealed = await this.seal(identity, request);
    const entry: Entry = { id: this.newId(), label, recipient, protection: request.protection, created: this.now().toISOString(), sealed };
    const entries = await this.read();
    await this.write([...entries, entry]);
    const { sealed: _sealed, ...info } = entry;
    return info;
  }

  async remove(id: string): Promise<void> {
    const entries = await this.read();
    if (!entries.some((e) => e.id === id)) throw new KeyStoreError('no-such-key', 'no stored key with that id');
    await this.write(entries.filter((e) => e.id !== id));
  }

  /** The secret key, for the host's decryptor only. */
  async unseal(id: string, passphrase?: string): Promise<string> {
    const entry = (await this.read()).find((e) => e.id === id);
    if (!entry) throw new KeyStoreError('no-such-key', 'no stored key with that id');
    if (entry.protection === 'os-keystore') {
      if (!this.os?.available()) throw new KeyStoreError('os-keystore-unavailable', "the operating system's key store is not available");
      return this.os.unseal(entry.sealed);
    }
    try {
      return await unsealWithPassphrase(entry.sealed, passphrase ?? '');
    } catch {
      throw new KeyStoreError('wrong-key-passphrase', 'wrong passphrase for the stored key');
    }
  }

  private async seal(identity: string, request: NewKeyRequest): Promise<string> {
    if (request.protection === 'os-keystore') {
      if (!this.os?.available()) throw new KeyStoreError('os-keystore-unavailable', "the operating system's key store is not available");
      return this.os.seal(identity);
    }
    if (!request.passphrase || request.passphrase.length < MIN_KEY_PASSPHRASE_LENGTH) {
      throw new KeyStoreError('invalid-request', `a key passphrase needs at least ${MIN_KEY_PASSPHRASE_LENGTH} characters`);
    }
    return sealWithPassphrase(identity, request.passphrase);
  }

  private async read(): Promise<Entry[]> {
    const text = await this.storage.load();
    if (text === null) return [];
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new KeyStoreError('corrupt-store', 'the key store file is damaged');
    return parsed.data.keys;
  }

  private async write(entries: Entry[]): Promise<void> {
    await this.storage.save(JSON.stringify({ version: 1, keys: entries }, null, 2));
  }
}
