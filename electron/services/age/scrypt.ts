/**
 * The scrypt recipient type (passphrase encryption). scrypt runs on libuv's thread
 * pool (crypto.scrypt, not scryptSync): at the usual work factor 2^18 it takes about a
 * second and 256 MiB, and the main process must keep answering meanwhile.
 */
import { scrypt } from 'node:crypto';
import { openWithZeroNonce } from './aead';
import type { ScryptStanza } from './recipients';

const SALT_LABEL = 'age-encryption.org/v1/scrypt';
const SCRYPT_R = 8;

function deriveKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses by default above 32 MiB; scrypt needs 128 × N × r bytes.
  const maxmem = 128 * N * SCRYPT_R + 16 * 1024 * 1024;
  const fullSalt = Buffer.concat([Buffer.from(SALT_LABEL, 'latin1'), salt]);
  return new Promise((resolve, reject) => {
    scrypt(passphrase, fullSalt, 32, { N, r: SCRYPT_R, p: 1, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** The file key, or null when the passphrase does not open the stanza. */
export async function unwrapScrypt(passphrase: string, stanza: ScryptStanza): Promise<Uint8Array | null> {
  const wrapKey = await deriveKey(passphrase, stanza.salt, stanza.logN);
  const fileKey = openWithZeroNonce(wrapKey, stanza.body);
  wrapKey.fill(0);
  return fileKey;
}
