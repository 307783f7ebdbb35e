/**
 * The host's IPC handlers, independent of Electron: each checks the sender, validates
 * its arguments and calls a service. `Owner` is whatever the dialogs need to be modal
 * (a BrowserWindow in the app, a stub in tests).
 */
import { HOST_CHANNELS, type BriefingFile, type SaveFileResult } from '../../shared/host/contract';
import { isTrustedSenderUrl } from '../security/navigation-policy';
import type { ExtractService } from '../services/extract-service';
import { identityFromKeyFile } from '../../shared/keys/identity';
import { KeyStoreError, type KeyStore } from '../../shared/keys/key-store';
import { resolveOpenSecret } from '../../shared/keys/resolve-secret';
import { removeExportFile, sanitizeSuggestedName, writeExportFile } from '../services/save-file';
import { sha256Hex, type AuditLog } from '../../shared/audit/log';
import { expectArgCount, parseHandleId, parseKeyId, parseNewKeyRequest, parseSaveRequest, parseSecret } from './validate';

export type HostChannel = (typeof HOST_CHANNELS)[keyof typeof HOST_CHANNELS];

export interface HostDialogs<Owner> {
  /** Absolute path of the chosen .bdx file, or null when cancelled. */
  chooseExtractFile(owner: Owner): Promise<string | null>;
  /** Absolute path to save to, or null when cancelled. */
  chooseSaveTarget(owner: Owner, suggestedName: string): Promise<string | null>;
  /** Text of the age key file the user chose, or null when cancelled. */
  chooseKeyFile(owner: Owner): Promise<string | null>;
  /** The briefing pack the user chose (name and bytes), or null when cancelled. */
  chooseBriefingFile(owner: Owner): Promise<BriefingFile | null>;
}

export interface IpcCall<Owner> {
  /** URL of the frame that sent the call (null when the frame is gone). */
  senderUrl: string | null;
  owner: Owner;
  args: readonly unknown[];
}

export class UntrustedSenderError extends Error {
  constructor() {
    super('IPC call refused: the sender is not the Bydelsmonitor app');
    this.name = 'UntrustedSenderError';
  }
}

export interface HostHandlerDeps<Owner> {
  extracts: ExtractService;
  keys: KeyStore;
  audit: AuditLog;
  dialogs: HostDialogs<Owner>;
}

export type HostHandler<Owner> = (call: IpcCall<Owner>) => Promise<unknown>;

export function createHostHandlers<Owner>(deps: HostHandlerDeps<Owner>): Record<HostChannel, HostHandler<Owner>> {
  const { extracts, keys, audit, dialogs } = deps;
  const trusted = <T>(handler: (call: IpcCall<Owner>) => Promise<T>) => async (call: IpcCall<Owner>): Promise<T> => {
    if (!isTrustedSenderUrl(call.senderUrl)) throw new UntrustedSenderError();
    return handler(call);
  };

  return {
    [HOST_CHANNELS.openDemoExtract]: trusted(async ({ args }) => {
      expectArgCount(args, 0);
      return extracts.openDemo();
    }),
    [HOST_CHANNELS.pickExtractFile]: trusted(async ({ args, owner }) => {
      expectArgCount(args, 0);
      const chosen = await dialogs.chooseExtractFile(owner);
      return chosen === null ? null : extracts.openFile(chosen);
    }),
    [HOST_CHANNELS.decryptExtract]: trusted(async ({ args }) => {
      expectArgCount(args, 2);
      const id = parseHandleId(args[0]);
      // A stored key is unsealed here, in main: the renderer never holds the secret key.
      const resolved = await resolveOpenSecret(parseSecret(args[1]), keys);
      if (!resolved.ok) return resolved;
      return extracts.decrypt(id, resolved.secret);
    }),
    [HOST_CHANNELS.releaseExtract]: trusted(async ({ args }) => {
      expectArgCount(args, 1);
      extracts.release(parseHandleId(args[0]));
    }),
    [HOST_CHANNELS.saveFile]: trusted(async ({ args, owner }): Promise<SaveFileResult> => {
      expectArgCount(args, 1);
      const request = parseSaveRequest(args[0]);
      const target = await dialogs.chooseSaveTarget(owner, sanitizeSuggestedName(request.suggestedName));
      if (target === null) return { saved: false };
      const sha256 = await sha256Hex(request.bytes);
      const { name } = await writeExportFile(target, request.bytes);
      try {
        const entry = await audit.append(request.audit, { name, sha256 });
        return { saved: true, name, sha256, auditSeq: entry.seq };
      } catch (err) {
        // Every export is on record, or it does not exist.
        await removeExportFile(target);
        throw new Error(`the export was not kept: ${(err as Error).message}`, { cause: err });
      }
    }),
    [HOST_CHANNELS.openBriefingFile]: trusted(async ({ args, owner }) => {
      expectArgCount(args, 0);
      return dialogs.chooseBriefingFile(owner);
    }),
    [HOST_CHANNELS.readAuditLog]: trusted(async ({ args }) => {
      expectArgCount(args, 0);
      return audit.view();
    }),
    [HOST_CHANNELS.keyStoreStatus]: trusted(async ({ args }) => {
      expectArgCount(args, 0);
      return { osKeystore: keys.osKeystoreAvailable() };
    }),
    [HOST_CHANNELS.listKeys]: trusted(async ({ args }) => {
      expectArgCount(args, 0);
      return keys.list();
    }),
    [HOST_CHANNELS.createKey]: trusted(async ({ args }) => {
      expectArgCount(args, 1);
      return keys.create(parseNewKeyRequest(args[0]));
    }),
    [HOST_CHANNELS.importKeyFile]: trusted(async ({ args, owner }) => {
      expectArgCount(args, 1);
      const request = parseNewKeyRequest(args[0]);
      const text = await dialogs.chooseKeyFile(owner);
      if (text === null) return null;
      const identity = identityFromKeyFile(text);
      if (!identity) throw new KeyStoreError('invalid-request', 'the file holds no age identity (AGE-SECRET-KEY-1…)');
      return keys.add(identity, request);
    }),
    [HOST_CHANNELS.deleteKey]: trusted(async ({ args }) => {
      expectArgCount(args, 1);
      await keys.remove(parseKeyId(args[0]));
    }),
  };
}
