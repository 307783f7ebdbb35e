/**
 * age decryption of a file already in memory (a Uint8Array), on Node's crypto.
 */
import type { DecryptResult, ExtractSecret } from '../../../shared/host/contract';
import { AgeFailure, malformedHeader } from './failure';
import { unwrapFileKey } from './file-key';
import { parseHeader } from './header';
import { CHUNK_CIPHERTEXT_BYTES, PAYLOAD_NONCE_BYTES, PayloadDecryptor } from './stream';

/** Chunks opened between yields, so a large file does not hold the event loop (16 MiB). */
const CHUNKS_BETWEEN_YIELDS = 256;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The plaintext; throws AgeFailure for anything but a well-formed file this secret opens. */
export async function openAgeBytes(bytes: Uint8Array, secret: ExtractSecret): Promise<Uint8Array> {
  const header = parseHeader(bytes, true);
  if (header === null) throw malformedHeader('the file ends inside the header'); // unreachable: complete input
  const fileKey = await unwrapFileKey(header, secret);
  const payloadStart = header.byteLength + PAYLOAD_NONCE_BYTES;
  if (bytes.length < payloadStart) throw malformedHeader('the file ends before the payload nonce');
  const payload = PayloadDecryptor.forPayload(fileKey, bytes.subarray(header.byteLength, payloadStart), bytes.length - payloadStart);
  fileKey.fill(0);
  const blockBytes = CHUNKS_BETWEEN_YIELDS * CHUNK_CIPHERTEXT_BYTES;
  for (let offset = payloadStart; offset < bytes.length; offset += blockBytes) {
    if (offset > payloadStart) await yieldToEventLoop();
    payload.decryptBlock(bytes.subarray(offset, Math.min(bytes.length, offset + blockBytes)));
  }
  return payload.finish();
}

export function toDecryptResult(err: unknown): DecryptResult {
  if (err instanceof AgeFailure) return { ok: false, error: err.info };
  throw err;
}

/** In-memory variant: the whole encrypted file as bytes. */
export async function decryptAgeBytes(bytes: Uint8Array, secret: ExtractSecret): Promise<DecryptResult> {
  try {
    return { ok: true, plaintext: await openAgeBytes(bytes, secret) };
  } catch (err) {
    return toDecryptResult(err);
  }
}
