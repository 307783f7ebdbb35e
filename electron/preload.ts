/**
 * The sandboxed preload: exposes the host contract to the renderer and nothing else.
 * Only these functions cross the context bridge; ipcRenderer itself never does.
 * Bundled to a single CJS file that requires only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  HOST_CHANNELS,
  HOST_EVENTS,
  HOST_GLOBAL,
  type DecryptResult,
  type ExtractHandle,
  type Host,
  type NewKeyRequest,
  type OpenSecret,
  type StoredKeyInfo,
  type SaveFileRequest,
  type SaveFileResult,
  type AuditLogView,
  type BriefingFile,
} from '../shared/host/contract';
import { remoteErrorMessage } from './ipc/remote-error';

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as T;
  } catch (err) {
    throw new Error(remoteErrorMessage(err), { cause: err });
  }
}

/** Copies only the fields of the secret's kind, so nothing else crosses to main. */
function copySecret(secret: OpenSecret): OpenSecret {
  if (secret.kind === 'passphrase') return { kind: 'passphrase', passphrase: secret.passphrase };
  if (secret.kind === 'identity') return { kind: 'identity', identity: secret.identity };
  return secret.keyPassphrase === undefined
    ? { kind: 'stored-key', keyId: secret.keyId }
    : { kind: 'stored-key', keyId: secret.keyId, keyPassphrase: secret.keyPassphrase };
}

function copyKeyRequest(request: NewKeyRequest): NewKeyRequest {
  return request.passphrase === undefined
    ? { label: request.label, protection: request.protection }
    : { label: request.label, protection: request.protection, passphrase: request.passphrase };
}

const bridge: Host = {
  kind: 'electron',
  openDemoExtract: () => invoke<ExtractHandle>(HOST_CHANNELS.openDemoExtract),
  pickExtractFile: () => invoke<ExtractHandle | null>(HOST_CHANNELS.pickExtractFile),
  // Only the id goes to main: it is the capability, the rest of the handle is display data.
  decryptExtract: (handle: ExtractHandle, secret: OpenSecret) =>
    invoke<DecryptResult>(
      HOST_CHANNELS.decryptExtract,
      handle.id,
      copySecret(secret),
    ),
  releaseExtract: (handle: ExtractHandle) => invoke<void>(HOST_CHANNELS.releaseExtract, handle.id),
  saveFile: (request: SaveFileRequest) =>
    invoke<SaveFileResult>(HOST_CHANNELS.saveFile, {
      suggestedName: request.suggestedName,
      mimeType: request.mimeType,
      bytes: request.bytes,
      audit: { kind: request.audit.kind, description: request.audit.description, extractId: request.audit.extractId, suppression: request.audit.suppression },
    }),
  readAuditLog: () => invoke<AuditLogView>(HOST_CHANNELS.readAuditLog),
  openBriefingFile: () => invoke<BriefingFile | null>(HOST_CHANNELS.openBriefingFile),
  keyStoreStatus: () => invoke<{ osKeystore: boolean }>(HOST_CHANNELS.keyStoreStatus),
  listKeys: () => invoke<StoredKeyInfo[]>(HOST_CHANNELS.listKeys),
  createKey: (request: NewKeyRequest) => invoke<StoredKeyInfo>(HOST_CHANNELS.createKey, copyKeyRequest(request)),
  importKeyFile: (request: NewKeyRequest) => invoke<StoredKeyInfo | null>(HOST_CHANNELS.importKeyFile, copyKeyRequest(request)),
  deleteKey: (id: string) => invoke<void>(HOST_CHANNELS.deleteKey, id),
  onSystemLock: (listener: () => void) => {
    // The event object stays here: the renderer gets a call with no arguments.
    const forward = () => listener();
    ipcRenderer.on(HOST_EVENTS.systemLock, forward);
    return () => void ipcRenderer.removeListener(HOST_EVENTS.systemLock, forward);
  },
};

contextBridge.exposeInMainWorld(HOST_GLOBAL, bridge);
