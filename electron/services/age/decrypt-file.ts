/**
 * age decryption straight from an open file: the header is read in growing prefixes,
 * the payload in blocks of whole chunks (4 MiB), the next block read on the thread
 * pool while the current one is decrypted here. Blocks are read into the not yet
 * written part of the plaintext buffer (PayloadDecryptor.stagingArea), so the kernel
 * touches its fresh pages on the I/O thread. Plaintext goes only into the one
 * preallocated buffer that is returned, never to disk.
 */
import type { FileHandle } from 'node:fs/promises';
import type { DecryptResult, ExtractSecret } from '../../../shared/host/contract';
import { toDecryptResult } from './decrypt-bytes';
import { damagedPayload, malformedHeader } from './failure';
import { unwrapFileKey } from './file-key';
import { MAX_HEADER_BYTES, parseHeader, type AgeHeader } from './header';
import { CHUNK_CIPHERTEXT_BYTES, PAYLOAD_NONCE_BYTES, PayloadDecryptor } from './stream';

/** 64 chunks ≈ 4 MiB per read: few system calls, still a fine-grained pipeline. */
export const DEFAULT_CHUNKS_PER_READ = 64;
const FIRST_HEADER_READ_BYTES = 16 * 1024;

export interface FileDecryptOptions {
  /** Whole chunks per read (tests use 1 to cross every block boundary). */
  chunksPerRead?: number;
}

/** Fills `buffer` from `position`; a file that got shorter meanwhile is damaged. */
async function readExactly(handle: FileHandle, buffer: Uint8Array, position: number): Promise<Uint8Array> {
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
    if (bytesRead === 0) throw damagedPayload('the file got shorter while it was read');
    filled += bytesRead;
  }
  return buffer;
}

async function readHeader(handle: FileHandle, fileSize: number): Promise<{ header: AgeHeader; prefix: Uint8Array }> {
  let length = Math.min(fileSize, FIRST_HEADER_READ_BYTES);
  for (;;) {
    const prefix = await readExactly(handle, new Uint8Array(length), 0);
    const header = parseHeader(prefix, length === fileSize);
    if (header) return { header, prefix };
    // parseHeader throws once the prefix is complete or MAX_HEADER_BYTES long.
    length = Math.min(fileSize, MAX_HEADER_BYTES, length * 4);
  }
}

async function readNonce(handle: FileHandle, fileSize: number, header: AgeHeader, prefix: Uint8Array): Promise<Uint8Array> {
  const end = header.byteLength + PAYLOAD_NONCE_BYTES;
  if (fileSize < end) throw malformedHeader('the file ends before the payload nonce');
  if (prefix.length >= end) return prefix.slice(header.byteLength, end);
  return readExactly(handle, new Uint8Array(PAYLOAD_NONCE_BYTES), header.byteLength);
}

async function decryptPayload(handle: FileHandle, payload: PayloadDecryptor, start: number, end: number, chunksPerRead: number): Promise<void> {
  const blockBytes = chunksPerRead * CHUNK_CIPHERTEXT_BYTES;
  // Blocks are read into the plaintext buffer itself where they fit (see stagingArea);
  // only the last few, which would run past its end, need these.
  const spare: [Uint8Array | null, Uint8Array | null] = [null, null];
  const readBlock = (index: 0 | 1, position: number): Promise<Uint8Array> => {
    const length = Math.min(blockBytes, end - position);
    const target = payload.stagingArea(position - start, length) ?? (spare[index] ??= new Uint8Array(blockBytes)).subarray(0, length);
    return readExactly(handle, target, position);
  };
  let position = start;
  let current: 0 | 1 = 0;
  let pending: Promise<Uint8Array> | null = position < end ? readBlock(current, position) : null;
  while (pending) {
    const block = await pending;
    const next = position + block.length;
    const other: 0 | 1 = current === 0 ? 1 : 0;
    // Read ahead on the thread pool while this block is decrypted here.
    pending = next < end ? readBlock(other, next) : null;
    try {
      payload.decryptBlock(block);
    } catch (err) {
      await pending?.catch(() => undefined);
      throw err;
    }
    position = next;
    current = other;
  }
}

/** The plaintext of the age file open as `handle`, `fileSize` bytes long. */
export async function openAgeFile(
  handle: FileHandle,
  fileSize: number,
  secret: ExtractSecret,
  options: FileDecryptOptions = {},
): Promise<Uint8Array> {
  const chunksPerRead = Math.max(1, Math.floor(options.chunksPerRead ?? DEFAULT_CHUNKS_PER_READ));
  const { header, prefix } = await readHeader(handle, fileSize);
  const fileKey = await unwrapFileKey(header, secret);
  const nonce = await readNonce(handle, fileSize, header, prefix);
  const payloadStart = header.byteLength + PAYLOAD_NONCE_BYTES;
  const payload = new PayloadDecryptor(fileKey, nonce, fileSize - payloadStart);
  fileKey.fill(0);
  try {
    await decryptPayload(handle, payload, payloadStart, fileSize, chunksPerRead);
  } catch (err) {
    payload.wipe(); // a read failure mid-way leaves opened chunks behind
    throw err;
  }
  return payload.finish();
}

/** File variant: reads `handle` in bounded blocks. I/O errors are thrown as they are. */
export async function decryptAgeFile(
  handle: FileHandle,
  fileSize: number,
  secret: ExtractSecret,
  options: FileDecryptOptions = {},
): Promise<DecryptResult> {
  try {
    return { ok: true, plaintext: await openAgeFile(handle, fileSize, secret, options) };
  } catch (err) {
    return toDecryptResult(err);
  }
}
