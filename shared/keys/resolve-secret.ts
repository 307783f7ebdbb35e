/** Turns what the renderer sent into a secret the decryptor takes, inside the host. */
import type { ExtractErrorInfo } from '../extract/errors';
import type { ExtractSecret, OpenSecret } from '../host/contract';
import { KeyStoreError, type KeyStore } from './key-store';

export async function resolveOpenSecret(
  secret: OpenSecret,
  keys: KeyStore,
): Promise<{ ok: true; secret: ExtractSecret } | { ok: false; error: ExtractErrorInfo }> {
  if (secret.kind !== 'stored-key') return { ok: true, secret };
  try {
    return { ok: true, secret: { kind: 'identity', identity: await keys.unseal(secret.keyId, secret.keyPassphrase) } };
  } catch (err) {
    if (err instanceof KeyStoreError) return { ok: false, error: { code: 'wrong-secret', detail: err.message } };
    throw err;
  }
}
