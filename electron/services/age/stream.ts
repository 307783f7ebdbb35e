/**
 * The age payload (C2SP age, "Payload"): a STREAM of 64 KiB chunks, each sealed with
 * ChaCha20-Poly1305 under the payload key and the nonce
 *   11-byte big-endian chunk counter || 0x01 for the final chunk, else 0x00.
 *
 * The chunk layout follows from the ciphertext length alone, so the plaintext buffer
 * is allocated once, exactly, before any chunk is opened, and impossible lengths
 * (a cut-off chunk, an empty final chunk after others, trailing bytes too short to be
 * a chunk) are refused up front. Truncation after a full chunk, extension, reordering
 * and a final flag in the wrong place all fail authentication.
 */
import { createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, hkdfSha256 } from './aead';
import { damagedPayload } from './failure';

export const PAYLOAD_NONCE_BYTES = 16;
export const CHUNK_PLAINTEXT_BYTES = 64 * 1024;
export const CHUNK_CIPHERTEXT_BYTES = CHUNK_PLAINTEXT_BYTES + AEAD_TAG_BYTES;

const LAST_CHUNK_FLAG_INDEX = AEAD_NONCE_BYTES - 1;

export interface PayloadLayout {
  readonly chunkCount: number;
  readonly plaintextLength: number;
}

/** Chunk count and plaintext length for a ciphertext length; throws when impossible. */
export function payloadLayout(ciphertextLength: number): PayloadLayout {
  if (ciphertextLength < AEAD_TAG_BYTES) throw damagedPayload('the payload is truncated: it ends before its first chunk does');
  const fullChunks = Math.floor(ciphertextLength / CHUNK_CIPHERTEXT_BYTES);
  const remainder = ciphertextLength % CHUNK_CIPHERTEXT_BYTES;
  const chunkCount = fullChunks + (remainder > 0 ? 1 : 0);
  if (remainder > 0 && remainder < AEAD_TAG_BYTES) throw damagedPayload('the payload is truncated or has bytes after its final chunk');
  if (remainder === AEAD_TAG_BYTES && chunkCount > 1) throw damagedPayload('the final payload chunk is empty');
  return { chunkCount, plaintextLength: ciphertextLength - chunkCount * AEAD_TAG_BYTES };
}

/**
 * Opens the payload chunk by chunk into one preallocated plaintext buffer. Feed it
 * the ciphertext (after the 16-byte nonce) in order, in blocks of whole chunks; only
 * the final block may end with a shorter chunk. The plaintext is released by
 * `finish()` only after every chunk, the final one included, authenticated; on any
 * failure the partial plaintext is wiped.
 */
export class PayloadDecryptor {
  readonly layout: PayloadLayout;
  readonly #key: KeyObject;
  readonly #nonce = Buffer.alloc(AEAD_NONCE_BYTES);
  readonly #plaintext: Uint8Array;
  #chunksOpened = 0;
  #written = 0;

  constructor(fileKey: Uint8Array, nonce: Uint8Array, ciphertextLength: number) {
    this.layout = payloadLayout(ciphertextLength);
    const payloadKey = hkdfSha256(fileKey, nonce, 'payload');
    this.#key = createSecretKey(payloadKey);
    payloadKey.fill(0);
    this.#plaintext = new Uint8Array(this.layout.plaintextLength);
  }

  /** Opens the whole chunks in `block` (and the final, possibly short, chunk). */
  decryptBlock(block: Uint8Array): void {
    try {
      let offset = 0;
      while (offset < block.length) {
        const chunkLength = Math.min(CHUNK_CIPHERTEXT_BYTES, block.length - offset);
        const isLast = this.#chunksOpened === this.layout.chunkCount - 1;
        if (this.#chunksOpened >= this.layout.chunkCount || (chunkLength < CHUNK_CIPHERTEXT_BYTES && !isLast)) {
          throw new Error('PayloadDecryptor fed a block that is not aligned to whole chunks');
        }
        this.#openChunk(block.subarray(offset, offset + chunkLength), isLast);
        offset += chunkLength;
      }
    } catch (err) {
      this.wipe();
      throw err;
    }
  }

  /**
   * A view of the plaintext buffer where the ciphertext at `offset` (counted from the
   * first chunk) of `length` bytes may be read before it is decrypted, or null when it
   * does not fit there. Chunk i's plaintext goes to i × 64 KiB, which never reaches
   * chunk i's own ciphertext tag or any later chunk at i × (64 KiB + 16), so nothing
   * is overwritten before it is read. Reading there lets the kernel fault in the fresh
   * plaintext pages on the I/O thread instead of this one, and saves a buffer.
   */
  stagingArea(offset: number, length: number): Uint8Array | null {
    if (offset < this.#written || offset + length > this.#plaintext.length) return null;
    return this.#plaintext.subarray(offset, offset + length);
  }

  /** The plaintext, once every chunk has been opened. */
  finish(): Uint8Array {
    if (this.#chunksOpened !== this.layout.chunkCount) {
      this.wipe();
      throw damagedPayload('the payload ended before its final chunk');
    }
    return this.#plaintext;
  }

  wipe(): void {
    this.#plaintext.fill(0);
  }

  #openChunk(chunk: Uint8Array, isLast: boolean): void {
    this.#nonce[LAST_CHUNK_FLAG_INDEX] = isLast ? 1 : 0;
    const decipher = createDecipheriv('chacha20-poly1305', this.#key, this.#nonce, { authTagLength: AEAD_TAG_BYTES });
    const sealedLength = chunk.length - AEAD_TAG_BYTES;
    decipher.setAuthTag(chunk.subarray(sealedLength));
    // Node has no decrypt-into-buffer call, so each chunk is copied once. The copy is
    // not wiped: it is as short-lived as the plaintext it duplicates, and wiping cost
    // a third of the throughput.
    this.#plaintext.set(decipher.update(chunk.subarray(0, sealedLength)), this.#written);
    try {
      decipher.final();
    } catch {
      throw damagedPayload(`payload chunk ${this.#chunksOpened + 1} of ${this.layout.chunkCount} failed authentication: the file was truncated or altered`);
    }
    this.#written += sealedLength;
    this.#chunksOpened++;
    this.#incrementCounter();
  }

  /** The 11-byte big-endian counter in nonce bytes 0–10. */
  #incrementCounter(): void {
    for (let i = LAST_CHUNK_FLAG_INDEX - 1; i >= 0; i--) {
      const next = ((this.#nonce[i] ?? 0) + 1) & 0xff;
      this.#nonce[i] = next;
      if (next !== 0) break;
    }
  }
}
