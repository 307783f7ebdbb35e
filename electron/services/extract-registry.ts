/**
 * Extracts the renderer has opened, by opaque id. The absolute path stays here in the
 * main process; the renderer only ever sees the handle (id, file name, size, origin),
 * so a compromised renderer cannot name arbitrary files to read.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { ExtractHandle } from '../../shared/host/contract';

export interface RegisteredExtract {
  handle: ExtractHandle;
  absolutePath: string;
}

export class UnknownExtractHandleError extends Error {
  constructor(id: string) {
    super(`unknown extract handle "${id}" (never opened, or already released)`);
    this.name = 'UnknownExtractHandleError';
  }
}

export class ExtractRegistry {
  readonly #entries = new Map<string, RegisteredExtract>();

  register(
    absolutePath: string,
    sizeBytes: number,
    origin: ExtractHandle['origin'],
    encryption: ExtractHandle['encryption'],
  ): ExtractHandle {
    if (!path.isAbsolute(absolutePath)) throw new Error('extract paths must be absolute');
    const handle: ExtractHandle = { id: randomUUID(), name: path.basename(absolutePath), sizeBytes, origin, encryption };
    this.#entries.set(handle.id, { handle, absolutePath });
    return { ...handle };
  }

  /** The entry for an id; throws for ids this registry did not hand out. */
  get(id: string): RegisteredExtract {
    const entry = this.#entries.get(id);
    if (!entry) throw new UnknownExtractHandleError(id);
    return entry;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** Forgets the id; releasing twice is harmless (the renderer may close twice). */
  release(id: string): boolean {
    return this.#entries.delete(id);
  }

  get size(): number {
    return this.#entries.size;
  }
}
