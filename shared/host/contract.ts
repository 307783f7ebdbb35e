/**
 * The host contract: everything the renderer needs from the machine it runs on.
 * Implemented twice — by the Electron preload bridge (electron/preload.ts, backed by
 * main-process services) and by the browser host (renderer/host/browser-host.ts).
 * Only structured-clone-able plain data crosses it.
 */
import type { ExtractErrorInfo } from '../extract/errors';

/** Name of the global the Electron preload exposes the bridge under. */
export const HOST_GLOBAL = 'bydelsmonitorHost';

/** IPC channel names shared by preload and main. */
export const HOST_CHANNELS = {
  openDemoExtract: 'host:open-demo-extract',
  pickExtractFile: 'host:pick-extract-file',
  decryptExtract: 'host:decrypt-extract',
  releaseExtract: 'host:release-extract',
  saveFile: 'host:save-file',
} as const;

/** A file the host has opened for the renderer; the renderer never sees paths. */
export interface ExtractHandle {
  id: string;
  /** File name only, for display. */
  name: string;
  sizeBytes: number;
  origin: 'demo' | 'file';
}

/** What opens an extract: its passphrase (scrypt), or an age X25519 identity
 *  (`AGE-SECRET-KEY-1…`, the secret line of an `age-keygen` key file). */
export type ExtractSecret =
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'identity'; identity: string };

export type DecryptResult =
  | { ok: true; plaintext: Uint8Array }
  | { ok: false; error: ExtractErrorInfo };

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export type SaveFileResult = { saved: true; name: string } | { saved: false };

export interface Host {
  readonly kind: 'electron' | 'browser';
  /** The embedded demo extract (synthetic data; its passphrase is public). */
  openDemoExtract(): Promise<ExtractHandle>;
  /** Lets the user choose an extract file; null when cancelled. */
  pickExtractFile(): Promise<ExtractHandle | null>;
  /** Decrypts in memory. Never writes plaintext anywhere. */
  decryptExtract(handle: ExtractHandle, secret: ExtractSecret): Promise<DecryptResult>;
  /** Forgets the handle and any bytes held for it. */
  releaseExtract(handle: ExtractHandle): Promise<void>;
  /** Asks where to save and writes the bytes; used by exports. */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
}
