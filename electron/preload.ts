/**
 * The sandboxed preload: exposes the host contract to the renderer and nothing else.
 * Only these functions cross the context bridge; ipcRenderer itself never does.
 * Bundled to a single CJS file that requires only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  HOST_CHANNELS,
  HOST_GLOBAL,
  type DecryptResult,
  type ExtractHandle,
  type ExtractSecret,
  type Host,
  type SaveFileRequest,
  type SaveFileResult,
} from '../shared/host/contract';
import { remoteErrorMessage } from './ipc/remote-error';

async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  try {
    return (await ipcRenderer.invoke(channel, ...args)) as T;
  } catch (err) {
    throw new Error(remoteErrorMessage(err), { cause: err });
  }
}

const bridge: Host = {
  kind: 'electron',
  openDemoExtract: () => invoke<ExtractHandle>(HOST_CHANNELS.openDemoExtract),
  pickExtractFile: () => invoke<ExtractHandle | null>(HOST_CHANNELS.pickExtractFile),
  // Only the id goes to main: it is the capability, the rest of the handle is display data.
  decryptExtract: (handle: ExtractHandle, secret: ExtractSecret) =>
    invoke<DecryptResult>(
      HOST_CHANNELS.decryptExtract,
      handle.id,
      secret.kind === 'passphrase'
        ? { kind: 'passphrase', passphrase: secret.passphrase }
        : { kind: 'identity', identity: secret.identity },
    ),
  releaseExtract: (handle: ExtractHandle) => invoke<void>(HOST_CHANNELS.releaseExtract, handle.id),
  saveFile: (request: SaveFileRequest) =>
    invoke<SaveFileResult>(HOST_CHANNELS.saveFile, {
      suggestedName: request.suggestedName,
      mimeType: request.mimeType,
      bytes: request.bytes,
    }),
};

contextBridge.exposeInMainWorld(HOST_GLOBAL, bridge);
