/**
 * Argument checks for every IPC call. The renderer is treated as untrusted: a value of
 * the wrong shape is rejected with a message naming the argument, before any service
 * runs.
 */
import type { ExtractSecret, NewKeyRequest, OpenSecret, SaveFileRequest } from '../../shared/host/contract';

export class IpcArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IpcArgumentError';
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Generous for a passphrase, small enough that scrypt never sees megabytes. */
export const MAX_PASSPHRASE_LENGTH = 1024;
/** An X25519 identity is 74 characters; room for surrounding whitespace. */
export const MAX_IDENTITY_LENGTH = 256;
export const MAX_SAVE_BYTES = 1024 * 1024 * 1024;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

export function expectArgCount(args: readonly unknown[], count: number): void {
  if (args.length !== count) {
    throw new IpcArgumentError(`expected ${count} argument${count === 1 ? '' : 's'}, got ${args.length}`);
  }
}

export function parseHandleId(value: unknown): string {
  if (typeof value !== 'string') throw new IpcArgumentError(`handle id must be a string, got ${describe(value)}`);
  if (!UUID_PATTERN.test(value)) throw new IpcArgumentError('handle id is not a handle this app issued');
  return value;
}

function parsePassphraseSecret(value: Record<string, unknown>): ExtractSecret {
  const { passphrase } = value;
  if (typeof passphrase !== 'string') {
    throw new IpcArgumentError(`secret.passphrase must be a string, got ${describe(passphrase)}`);
  }
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) {
    throw new IpcArgumentError(`secret.passphrase is longer than ${MAX_PASSPHRASE_LENGTH} characters`);
  }
  return { kind: 'passphrase', passphrase };
}

/** Only the shape is checked here; whether it is a valid age identity is the
 *  decryptor's answer (wrong-secret with a reason), which the UI can show. */
function parseIdentitySecret(value: Record<string, unknown>): ExtractSecret {
  const { identity } = value;
  if (typeof identity !== 'string') {
    throw new IpcArgumentError(`secret.identity must be a string, got ${describe(identity)}`);
  }
  if (identity.length > MAX_IDENTITY_LENGTH) {
    throw new IpcArgumentError(`secret.identity is longer than ${MAX_IDENTITY_LENGTH} characters`);
  }
  return { kind: 'identity', identity };
}

function parseStoredKeySecret(value: Record<string, unknown>): OpenSecret {
  const keyId = parseKeyId(value.keyId);
  const { keyPassphrase } = value;
  if (keyPassphrase === undefined) return { kind: 'stored-key', keyId };
  if (typeof keyPassphrase !== 'string' || keyPassphrase.length > MAX_PASSPHRASE_LENGTH) {
    throw new IpcArgumentError(`secret.keyPassphrase must be a string of at most ${MAX_PASSPHRASE_LENGTH} characters`);
  }
  return { kind: 'stored-key', keyId, keyPassphrase };
}

export function parseSecret(value: unknown): OpenSecret {
  if (!isPlainObject(value)) throw new IpcArgumentError(`secret must be an object, got ${describe(value)}`);
  if (value.kind === 'passphrase') return parsePassphraseSecret(value);
  if (value.kind === 'identity') return parseIdentitySecret(value);
  if (value.kind === 'stored-key') return parseStoredKeySecret(value);
  throw new IpcArgumentError('secret.kind must be "passphrase", "identity" or "stored-key"');
}

export function parseKeyId(value: unknown): string {
  if (typeof value !== 'string' || !UUID_PATTERN.test(value)) throw new IpcArgumentError('key id is not a key this app stored');
  return value;
}

export function parseNewKeyRequest(value: unknown): NewKeyRequest {
  if (!isPlainObject(value)) throw new IpcArgumentError(`key request must be an object, got ${describe(value)}`);
  const { label, protection, passphrase } = value;
  if (typeof label !== 'string' || label.length > 100) throw new IpcArgumentError('key request label must be a string of at most 100 characters');
  if (protection !== 'os-keystore' && protection !== 'passphrase') {
    throw new IpcArgumentError('key request protection must be "os-keystore" or "passphrase"');
  }
  if (passphrase === undefined) return { label, protection };
  if (typeof passphrase !== 'string' || passphrase.length > MAX_PASSPHRASE_LENGTH) {
    throw new IpcArgumentError(`key request passphrase must be a string of at most ${MAX_PASSPHRASE_LENGTH} characters`);
  }
  return { label, protection, passphrase };
}

export function parseSaveRequest(value: unknown): SaveFileRequest {
  if (!isPlainObject(value)) throw new IpcArgumentError(`save request must be an object, got ${describe(value)}`);
  const { suggestedName, mimeType, bytes, audit } = value;
  if (typeof suggestedName !== 'string' || suggestedName.length === 0 || suggestedName.length > 255) {
    throw new IpcArgumentError('save request suggestedName must be a string of 1 to 255 characters');
  }
  if (typeof mimeType !== 'string' || mimeType.length > 255) {
    throw new IpcArgumentError('save request mimeType must be a string of at most 255 characters');
  }
  if (!(bytes instanceof Uint8Array)) {
    throw new IpcArgumentError(`save request bytes must be a Uint8Array, got ${describe(bytes)}`);
  }
  if (bytes.byteLength > MAX_SAVE_BYTES) throw new IpcArgumentError('save request bytes exceed 1 GiB');
  return { suggestedName, mimeType, bytes, audit: parseExportAudit(audit) };
}

function parseExportAudit(value: unknown): SaveFileRequest['audit'] {
  if (!isPlainObject(value)) throw new IpcArgumentError(`save request audit must be an object, got ${describe(value)}`);
  const out: Record<string, string> = {};
  for (const key of ['kind', 'description', 'extractId', 'suppression'] as const) {
    const field = value[key];
    if (typeof field !== 'string' || field.length === 0 || field.length > 2000) {
      throw new IpcArgumentError(`save request audit.${key} must be a string of 1 to 2000 characters`);
    }
    out[key] = field;
  }
  return { kind: out['kind']!, description: out['description']!, extractId: out['extractId']!, suppression: out['suppression']! };
}
