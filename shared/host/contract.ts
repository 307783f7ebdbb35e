/**
 * The host contract: everything the renderer needs from the machine it runs on.
 * Implemented twice — by the Electron preload bridge (electron/preload.ts, backed by
 * main-process services) and by the browser host (renderer/host/browser-host.ts).
 * Only structured-clone-able plain data crosses it.
 */
import type { ExtractErrorInfo } from '../extract/errors';
import type { ExtractEncryption } from '../extract/header-info';
import type { NewKeyRequest, StoredKeyInfo } from '../keys/key-store';
import type { AuditLogView, ExportAudit } from '../audit/log';

export type { AuditLogView, ExportAudit, ExtractEncryption, NewKeyRequest, StoredKeyInfo };

/** Name of the global the Electron preload exposes the bridge under. */
export const HOST_GLOBAL = 'bydelsmonitorHost';

/** IPC channel names shared by preload and main. */
export const HOST_CHANNELS = {
  openDemoExtract: 'host:open-demo-extract',
  pickExtractFile: 'host:pick-extract-file',
  decryptExtract: 'host:decrypt-extract',
  releaseExtract: 'host:release-extract',
  saveFile: 'host:save-file',
  keyStoreStatus: 'host:key-store-status',
  listKeys: 'host:list-keys',
  createKey: 'host:create-key',
  importKeyFile: 'host:import-key-file',
  deleteKey: 'host:delete-key',
  readAuditLog: 'host:read-audit-log',
  openBriefingFile: 'host:open-briefing-file',
} as const;

/** Messages main sends to the renderer (no reply, no data). */
export const HOST_EVENTS = {
  /** The operating system locked the screen or is going to sleep: drop the decrypted data. */
  systemLock: 'host:system-lock',
} as const;

/** A file the host has opened for the renderer; the renderer never sees paths. */
export interface ExtractHandle {
  id: string;
  /** File name only, for display. */
  name: string;
  sizeBytes: number;
  origin: 'demo' | 'file';
  /** From the age header: ask for a passphrase, or for one of the analyst's keys. */
  encryption: ExtractEncryption;
}

/** What opens an extract: its passphrase (scrypt), or an age X25519 identity
 *  (`AGE-SECRET-KEY-1…`, the secret line of an `age-keygen` key file). */
export type ExtractSecret =
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'identity'; identity: string };

/** What the renderer may hand the host: a secret, or a reference to a stored key that
 *  the host unseals itself, so the analyst's secret key never reaches the renderer. */
export type OpenSecret = ExtractSecret | { kind: 'stored-key'; keyId: string; keyPassphrase?: string };

export type DecryptResult =
  | { ok: true; plaintext: Uint8Array }
  | { ok: false; error: ExtractErrorInfo };

export interface SaveFileRequest {
  suggestedName: string;
  mimeType: string;
  bytes: Uint8Array;
  /** What is exported: recorded in the audit log with the file's hash when it is written. */
  audit: ExportAudit;
}

export interface BriefingFile {
  name: string;
  bytes: Uint8Array | null;
}

export type SaveFileResult = { saved: true; name: string; sha256: string; auditSeq: number } | { saved: false };

export interface Host {
  readonly kind: 'electron' | 'browser';
  /** The embedded demo extract (synthetic data; its passphrase is public). */
  openDemoExtract(): Promise<ExtractHandle>;
  /** Lets the user choose an extract file; null when cancelled. */
  pickExtractFile(): Promise<ExtractHandle | null>;
  /** Decrypts in memory. Never writes plaintext anywhere. */
  decryptExtract(handle: ExtractHandle, secret: OpenSecret): Promise<DecryptResult>;
  /** Forgets the handle and any bytes held for it. */
  releaseExtract(handle: ExtractHandle): Promise<void>;
  /**
   * Asks where to save, writes the bytes and appends an audit entry (file hash, what,
   * when, who); used by every export. A file whose entry cannot be written is removed.
   */
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>;
  /** The export audit log, verified (hash chain). */
  readAuditLog(): Promise<AuditLogView>;
  /**
   * Lets the user choose a briefing pack (aggregates only, maybe encrypted) and returns its
   * bytes — null bytes when the file is larger than any briefing (MAX_BRIEFING_BYTES; it is
   * not read); null when cancelled. Meeting mode needs no extract.
   */
  openBriefingFile(): Promise<BriefingFile | null>;
  /** Whether keys can be sealed by the operating system's key store here. */
  keyStoreStatus(): Promise<{ osKeystore: boolean }>;
  listKeys(): Promise<StoredKeyInfo[]>;
  /** Generates a new analyst key pair and stores it sealed. */
  createKey(request: NewKeyRequest): Promise<StoredKeyInfo>;
  /** Lets the user choose an age key file and stores its key sealed; null when cancelled. */
  importKeyFile(request: NewKeyRequest): Promise<StoredKeyInfo | null>;
  deleteKey(id: string): Promise<void>;
  /**
   * Calls `listener` when the operating system locks the screen or suspends (Electron's
   * powerMonitor); returns the unsubscribe function. A browser has no such signal: never called.
   */
  onSystemLock(listener: () => void): () => void;
}
