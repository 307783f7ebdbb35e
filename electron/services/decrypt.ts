/**
 * The one place the main process decrypts extracts. Today it is the pure-JS age path
 * shared with the browser host; a faster path on Node's crypto replaces this binding
 * and nothing else.
 */
import { decryptAgeInMemory } from '../../shared/extract/decrypt';
import type { DecryptResult, ExtractSecret } from '../../shared/host/contract';

export type DecryptExtractBytes = (ciphertext: Uint8Array, secret: ExtractSecret) => Promise<DecryptResult>;

export const decryptExtractBytes: DecryptExtractBytes = decryptAgeInMemory;
