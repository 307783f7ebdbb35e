/**
 * The host's extract operations, as plain Node: open the embedded demo or a chosen
 * file (registering it by id), decrypt it in memory straight from the file, release.
 * The Electron layer adds only the file dialog and IPC.
 */
import path from 'node:path';
import { ExtractError } from '../../shared/extract/errors';
import type { DecryptResult, ExtractHandle, ExtractSecret } from '../../shared/host/contract';
import { decryptExtractFile, type DecryptExtractFile } from './decrypt';
import { ExtractRegistry } from './extract-registry';
import { DEFAULT_MAX_EXTRACT_BYTES, readFileHead, statExtractFile, tooLargeError } from './read-extract-file';
import { detectEncryption } from '../../shared/extract/header-info';

/** Where the renderer build puts the demo extract (vite copies it from resources/). */
export const DEMO_EXTRACT_RELATIVE_PATH = path.join('demo', 'demo.bdx');

export interface ExtractServiceOptions {
  rendererRoot: string;
  maxExtractBytes?: number;
  /** The single swap point for decryption (default: Node's crypto, read in blocks). */
  decrypt?: DecryptExtractFile;
  registry?: ExtractRegistry;
}

export class ExtractService {
  readonly registry: ExtractRegistry;
  readonly maxExtractBytes: number;
  readonly #rendererRoot: string;
  readonly #decrypt: DecryptExtractFile;

  constructor(options: ExtractServiceOptions) {
    this.#rendererRoot = path.resolve(options.rendererRoot);
    this.maxExtractBytes = options.maxExtractBytes ?? DEFAULT_MAX_EXTRACT_BYTES;
    this.#decrypt = options.decrypt ?? decryptExtractFile;
    this.registry = options.registry ?? new ExtractRegistry();
  }

  get demoPath(): string {
    return path.join(this.#rendererRoot, DEMO_EXTRACT_RELATIVE_PATH);
  }

  openDemo(): Promise<ExtractHandle> {
    return this.#open(this.demoPath, 'demo');
  }

  /** Registers a file the user chose. Oversize files still get a handle (its size lets
   *  the UI say so); decrypt then answers too-large without reading them. */
  openFile(absolutePath: string): Promise<ExtractHandle> {
    return this.#open(path.resolve(absolutePath), 'file');
  }

  async decrypt(id: string, secret: ExtractSecret): Promise<DecryptResult> {
    const { absolutePath } = this.registry.get(id);
    // Refused here without reading; the decryptor checks the size again on the open
    // file, in case it was replaced in between.
    const stat = await statExtractFile(absolutePath);
    if (!stat.ok) return stat;
    if (stat.sizeBytes > this.maxExtractBytes) return { ok: false, error: tooLargeError(stat.sizeBytes, this.maxExtractBytes) };
    return this.#decrypt(absolutePath, secret, { maxBytes: this.maxExtractBytes });
  }

  release(id: string): void {
    this.registry.release(id);
  }

  async #open(absolutePath: string, origin: ExtractHandle['origin']): Promise<ExtractHandle> {
    const stat = await statExtractFile(absolutePath);
    if (!stat.ok) {
      const detail = origin === 'demo' ? `the demo extract is missing from this build (${stat.error.detail ?? ''})` : stat.error.detail;
      throw new ExtractError(stat.error.code, detail);
    }
    const encryption = detectEncryption(await readFileHead(absolutePath, 16 * 1024));
    return this.registry.register(absolutePath, stat.sizeBytes, origin, encryption);
  }
}
