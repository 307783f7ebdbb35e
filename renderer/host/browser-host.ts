/**
 * The browser host: the host contract on plain web APIs. It is a real way to run the
 * app from a local server, and how the renderer is tested end to end in Chromium.
 * Extract bytes are held in memory only, keyed by handle id.
 */
import { AuditLog, sha256Hex, type AuditStore } from '../../shared/audit/log';
import { MAX_BRIEFING_BYTES } from '../../shared/briefing/limits';
import type {
  DecryptResult,
  ExtractHandle,
  Host,
  NewKeyRequest,
  OpenSecret,
  SaveFileRequest,
  SaveFileResult,
} from '../../shared/host/contract';
import { detectEncryption } from '../../shared/extract/header-info';
import { identityFromKeyFile } from '../../shared/keys/identity';
import { KeyStore, KeyStoreError } from '../../shared/keys/key-store';
import { resolveOpenSecret } from '../../shared/keys/resolve-secret';
import { DEFAULT_MAX_EXTRACT_BYTES, tooLargeError } from '../../shared/extract/limits';

const DEMO_URL = './demo/demo.bdx';
const KEY_STORAGE_ITEM = 'bydelsmonitor.keys';

/** A browser has no OS key store: keys are sealed by a passphrase and kept in localStorage. */
function createBrowserKeyStore(): KeyStore {
  return new KeyStore(
    {
      load: async () => localStorage.getItem(KEY_STORAGE_ITEM),
      save: async (text) => localStorage.setItem(KEY_STORAGE_ITEM, text),
    },
    null,
  );
}

const AUDIT_KEY = 'bydelsmonitor.audit-log';

/** The browser host's audit log: the same JSON lines, kept in the origin's storage. */
function localStorageAuditStore(): AuditStore {
  return {
    read: async () => globalThis.localStorage?.getItem(AUDIT_KEY) ?? '',
    append: async (line) => {
      const storage = globalThis.localStorage;
      if (!storage) throw new Error('this browser keeps no storage for the audit log');
      storage.setItem(AUDIT_KEY, (storage.getItem(AUDIT_KEY) ?? '') + line);
    },
  };
}

export function createBrowserHost(maxExtractBytes = DEFAULT_MAX_EXTRACT_BYTES): Host {
  const files = new Map<string, Uint8Array>();
  /** Handles of files too large to read: their size is known, their bytes never loaded. */
  const oversize = new Map<string, number>();
  const keys = createBrowserKeyStore();
  const audit = new AuditLog(localStorageAuditStore(), 'browser');
  let counter = 0;

  const register = (name: string, bytes: Uint8Array, origin: ExtractHandle['origin']): ExtractHandle => {
    const id = `extract-${++counter}`;
    files.set(id, bytes);
    return { id, name, sizeBytes: bytes.byteLength, origin, encryption: detectEncryption(bytes.subarray(0, 16 * 1024)) };
  };

  const pickFile = (accept: string): Promise<File | null> =>
    new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = accept;
      input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true });
      input.addEventListener('cancel', () => resolve(null), { once: true });
      input.click();
    });

  return {
    kind: 'browser',

    async openDemoExtract() {
      const response = await fetch(DEMO_URL);
      if (!response.ok) throw new Error(`the demo extract could not be loaded (HTTP ${response.status})`);
      return register('demo.bdx', new Uint8Array(await response.arrayBuffer()), 'demo');
    },

    async pickExtractFile() {
      const file = await pickFile('.bdx,.age');
      if (!file) return null;
      if (file.size > maxExtractBytes) {
        const id = `extract-${++counter}`;
        oversize.set(id, file.size);
        return { id, name: file.name, sizeBytes: file.size, origin: 'file', encryption: 'passphrase' };
      }
      return register(file.name, new Uint8Array(await file.arrayBuffer()), 'file');
    },

    async decryptExtract(handle: ExtractHandle, openSecret: OpenSecret): Promise<DecryptResult> {
      const tooLarge = oversize.get(handle.id);
      if (tooLarge !== undefined) return { ok: false, error: tooLargeError(tooLarge, maxExtractBytes) };
      const bytes = files.get(handle.id);
      if (!bytes) return { ok: false, error: { code: 'unreadable-file', detail: 'unknown handle' } };
      const resolved = await resolveOpenSecret(openSecret, keys);
      if (!resolved.ok) return resolved;
      const { secret } = resolved;
      return new Promise((resolve) => {
        const worker = new Worker(new URL('./decrypt.worker.ts', import.meta.url), { type: 'module' });
        worker.onmessage = (event: MessageEvent<DecryptResult>) => {
          worker.terminate();
          resolve(event.data);
        };
        worker.onerror = (event) => {
          worker.terminate();
          resolve({ ok: false, error: { code: 'damaged', detail: event.message } });
        };
        // A copy goes to the worker so the handle can be decrypted again after a wrong passphrase.
        worker.postMessage({ bytes: bytes.slice(), secret });
      });
    },

    async releaseExtract(handle: ExtractHandle) {
      files.delete(handle.id);
      oversize.delete(handle.id);
    },

    async saveFile(request: SaveFileRequest): Promise<SaveFileResult> {
      // Recorded first: a download cannot be taken back once the browser has it.
      const sha256 = await sha256Hex(request.bytes);
      const entry = await audit.append(request.audit, { name: request.suggestedName, sha256 });
      const blob = new Blob([request.bytes as BlobPart], { type: request.mimeType });
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = request.suggestedName;
      anchor.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true, name: request.suggestedName, sha256, auditSeq: entry.seq };
    },
    readAuditLog: () => audit.view(),
    async openBriefingFile() {
      const file = await pickFile('.bmp,.json');
      if (!file) return null;
      // A huge file is refused by the reader with a message, unread.
      if (file.size > MAX_BRIEFING_BYTES) return { name: file.name, bytes: null };
      return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    },

    async keyStoreStatus() {
      return { osKeystore: false };
    },
    listKeys: () => keys.list(),
    createKey: (request: NewKeyRequest) => keys.create(request),
    async importKeyFile(request: NewKeyRequest) {
      const file = await pickFile('.txt,.key,*');
      if (!file) return null;
      const identity = identityFromKeyFile(await file.text());
      if (!identity) throw new KeyStoreError('invalid-request', 'the file holds no age identity (AGE-SECRET-KEY-1…)');
      return keys.add(identity, request);
    },
    deleteKey: (id: string) => keys.remove(id),
    // A browser tab learns nothing of the screen lock; the idle lock covers it.
    onSystemLock: () => () => undefined,
  };
}
