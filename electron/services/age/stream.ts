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
 *
 * Because each chunk's nonce follows from its index, chunks open independently of one
 * another: ChunkOpener opens any one, which lets the worker pool (parallel.ts) open
 * ranges of a payload side by side with exactly the rules applied here.
 */
import { createDecipheriv, createSecretKey, type DecipherChaCha20Poly1305, type KeyObject } from 'node:crypto';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, hkdfSha256 } from './aead';
import { damagedPayload, type AgeFailure } from './failure';

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

/** The payload key, HKDF-SHA-256(file key, payload nonce, "payload"), as a KeyObject. */
export function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): KeyObject {
  const bytes = hkdfSha256(fileKey, nonce, 'payload');
  try {
    return createSecretKey(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** The failure for chunk `index` (0-based) that does not authenticate. */
export function chunkAuthenticationFailure(index: number, chunkCount: number): AgeFailure {
  return damagedPayload(`payload chunk ${index + 1} of ${chunkCount} failed authentication: the file was truncated or altered`);
}

/** The failure when the file ends before the payload its size promised. */
export const fileGotShorter = (): AgeFailure => damagedPayload('the file got shorter while it was read');

/**
 * Opens single chunks of one payload, by index: the nonce is the index as an 11-byte
 * big-endian counter and the final flag set exactly for the last chunk of the layout.
 */
export class ChunkOpener {
  readonly #key: KeyObject;
  readonly #chunkCount: number;
  readonly #nonce = Buffer.alloc(AEAD_NONCE_BYTES);

  constructor(key: KeyObject, chunkCount: number) {
    this.#key = key;
    this.#chunkCount = chunkCount;
  }

  /**
   * Opens `sealed` (ciphertext || tag) as chunk `index` into `target` at `offset`;
   * throws AgeFailure when it does not authenticate. What it wrote is then garbage,
   * which the caller wipes with the rest.
   */
  open(index: number, sealed: Uint8Array, target: Uint8Array, offset: number): void {
    const decipher = this.#decipher(index, sealed);
    // Node has no decrypt-into-buffer call, so each chunk is copied once. The copy is
    // not wiped: it is as short-lived as the plaintext it duplicates, and wiping cost
    // a third of the throughput.
    target.set(decipher.update(sealed.subarray(0, sealed.length - AEAD_TAG_BYTES)), offset);
    this.#final(decipher, index);
  }

  #decipher(index: number, sealed: Uint8Array): DecipherChaCha20Poly1305 {
    const nonce = this.#nonce;
    let counter = index;
    for (let i = LAST_CHUNK_FLAG_INDEX - 1; i >= 0; i--) {
      nonce[i] = counter % 256;
      counter = Math.floor(counter / 256);
    }
    nonce[LAST_CHUNK_FLAG_INDEX] = index === this.#chunkCount - 1 ? 1 : 0;
    const decipher = createDecipheriv('chacha20-poly1305', this.#key, nonce, { authTagLength: AEAD_TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - AEAD_TAG_BYTES));
    return decipher;
  }

  #final(decipher: DecipherChaCha20Poly1305, index: number): void {
    try {
      decipher.final();
    } catch {
      throw chunkAuthenticationFailure(index, this.#chunkCount);
    }
  }
}

/** What a PayloadDecryptor opens: chunks [0, endChunk) of `layout` into `plaintext`. */
export interface PayloadPart {
  readonly opener: ChunkOpener;
  readonly layout: PayloadLayout;
  /** The whole payload's plaintext buffer; chunk i goes to i × 64 KiB. */
  readonly plaintext: Uint8Array;
  readonly endChunk: number;
}

/**
 * Opens the payload chunk by chunk into one preallocated plaintext buffer. Feed it
 * the ciphertext (after the 16-byte nonce) in order, in blocks of whole chunks; only
 * the final block may end with a shorter chunk. The plaintext is released by
 * `finish()` only after every chunk, the final one included, authenticated; on any
 * failure the partial plaintext is wiped.
 *
 * The parallel path (parallel.ts) uses one for the leading chunks of a payload whose
 * other chunks workers open into the same buffer; its finish() then vouches for
 * chunks [0, endChunk) only.
 */
export class PayloadDecryptor {
  readonly layout: PayloadLayout;
  readonly #opener: ChunkOpener;
  readonly #plaintext: Uint8Array;
  readonly #endChunk: number;
  /** Where this decryptor's plaintext ends: staging must not reach beyond. */
  readonly #limit: number;
  #chunksOpened = 0;
  #written = 0;

  constructor(part: PayloadPart) {
    this.layout = part.layout;
    this.#opener = part.opener;
    this.#plaintext = part.plaintext;
    this.#endChunk = part.endChunk;
    this.#limit = Math.min(part.plaintext.length, part.endChunk * CHUNK_PLAINTEXT_BYTES);
  }

  /** A decryptor for the whole payload, with its own plaintext buffer. */
  static forPayload(fileKey: Uint8Array, nonce: Uint8Array, ciphertextLength: number): PayloadDecryptor {
    const layout = payloadLayout(ciphertextLength);
    return PayloadDecryptor.withKey(payloadKey(fileKey, nonce), layout);
  }

  /** The same, given the payload key and layout. */
  static withKey(key: KeyObject, layout: PayloadLayout): PayloadDecryptor {
    return new PayloadDecryptor({
      opener: new ChunkOpener(key, layout.chunkCount),
      layout,
      plaintext: new Uint8Array(layout.plaintextLength),
      endChunk: layout.chunkCount,
    });
  }

  /** Opens the whole chunks in `block` (and the final, possibly short, chunk). */
  decryptBlock(block: Uint8Array): void {
    try {
      let offset = 0;
      while (offset < block.length) {
        const chunkLength = Math.min(CHUNK_CIPHERTEXT_BYTES, block.length - offset);
        const index = this.#chunksOpened;
        const isLast = index === this.layout.chunkCount - 1;
        if (index >= this.#endChunk || (chunkLength < CHUNK_CIPHERTEXT_BYTES && !isLast)) {
          throw new Error('PayloadDecryptor fed a block that is not aligned to whole chunks');
        }
        this.#opener.open(index, block.subarray(offset, offset + chunkLength), this.#plaintext, this.#written);
        this.#written += chunkLength - AEAD_TAG_BYTES;
        this.#chunksOpened++;
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
    if (offset < this.#written || offset + length > this.#limit) return null;
    return this.#plaintext.subarray(offset, offset + length);
  }

  /** The plaintext, once every chunk of this decryptor has been opened. */
  finish(): Uint8Array {
    if (this.#chunksOpened !== this.#endChunk) {
      this.wipe();
      throw damagedPayload('the payload ended before its final chunk');
    }
    return this.#plaintext;
  }

  wipe(): void {
    this.#plaintext.fill(0);
  }
}
