import { KeyStore } from '../../shared/keys/key-store';
import { AuditLog, sha256Hex } from '../../shared/audit/log';
import type { AuditLogView } from '../../shared/host/contract';
import { generateAnalystKey } from '../../shared/keys/identity';
import { Encrypter } from 'age-encryption';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS, type ExtractHandle } from '../../shared/host/contract';
import { ExtractService } from '../services/extract-service';
import { createHostHandlers, type HostDialogs, type IpcCall } from './handlers';

const APP_URL = 'app://bydelsmonitor/index.html';
let tmp: string;
let rendererRoot: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-ipc-'));
  rendererRoot = path.join(tmp, 'renderer');
  await mkdir(path.join(rendererRoot, 'demo'), { recursive: true });
  const encrypter = new Encrypter();
  encrypter.setPassphrase('demo');
  encrypter.setScryptWorkFactor(10);
  await writeFile(path.join(rendererRoot, 'demo', 'demo.bdx'), await encrypter.encrypt(new Uint8Array([1, 2, 3])));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

type Owner = { window: string };

function setup(dialogOverrides: Partial<HostDialogs<Owner>> = {}) {
  const dialogs: HostDialogs<Owner> = {
    chooseExtractFile: vi.fn(async () => null),
    chooseSaveTarget: vi.fn(async () => null),
    chooseKeyFile: vi.fn(async () => null),
    chooseBriefingFile: vi.fn(async () => null),
    ...dialogOverrides,
  };
  const extracts = new ExtractService({ rendererRoot });
  let stored: string | null = null;
  const keys = new KeyStore({ load: async () => stored, save: async (text) => void (stored = text) }, null);
  let auditText = '';
  const audit = new AuditLog({ read: async () => auditText, append: async (line) => void (auditText += line) }, 'analytiker');
  const handlers = createHostHandlers<Owner>({ extracts, keys, audit, dialogs });
  const call = (channel: keyof typeof handlers, args: unknown[] = [], senderUrl: string | null = APP_URL) =>
    handlers[channel]({ senderUrl, owner: { window: 'main' }, args } satisfies IpcCall<Owner>);
  return { dialogs, extracts, keys, handlers, call, storedText: () => stored, auditText: () => auditText, setAuditText: (t: string) => void (auditText = t) };
}

describe('host IPC handlers', () => {
  it('handles every contract channel', () => {
    expect(Object.keys(setup().handlers).sort()).toEqual(Object.values(HOST_CHANNELS).sort());
  });

  it.each([null, 'https://evil.example/', 'app://evil/index.html', 'about:blank', 'file:///index.html'])(
    'refuses calls from a sender at %s before doing anything',
    async (senderUrl) => {
      const { call, dialogs, extracts } = setup();
      for (const channel of Object.values(HOST_CHANNELS)) {
        await expect(call(channel, [], senderUrl)).rejects.toThrow('IPC call refused: the sender is not the Bydelsmonitor app');
      }
      expect(dialogs.chooseExtractFile).not.toHaveBeenCalled();
      expect(extracts.registry.size).toBe(0);
    },
  );

  it('opens the demo and decrypts it by handle id', async () => {
    const { call } = setup();
    const handle = (await call(HOST_CHANNELS.openDemoExtract)) as ExtractHandle;
    expect(handle.origin).toBe('demo');
    const result = await call(HOST_CHANNELS.decryptExtract, [handle.id, { kind: 'passphrase', passphrase: 'demo' }]);
    expect(result).toEqual({ ok: true, plaintext: new Uint8Array([1, 2, 3]) });
  });

  it('rejects unknown handle ids and wrong argument types with clear errors', async () => {
    const { call } = setup();
    const secret = { kind: 'passphrase', passphrase: 'demo' };
    await expect(call(HOST_CHANNELS.decryptExtract, ['9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', secret])).rejects.toThrow(
      /unknown extract handle/,
    );
    await expect(call(HOST_CHANNELS.decryptExtract, [{ id: 'x' }, secret])).rejects.toThrow(/handle id must be a string/);
    await expect(call(HOST_CHANNELS.decryptExtract, ['/etc/passwd', secret])).rejects.toThrow(/not a handle this app issued/);
    const handle = (await call(HOST_CHANNELS.openDemoExtract)) as ExtractHandle;
    await expect(call(HOST_CHANNELS.decryptExtract, [handle.id, 'demo'])).rejects.toThrow(/secret must be an object/);
    await expect(call(HOST_CHANNELS.decryptExtract, [handle.id])).rejects.toThrow(/expected 2 arguments, got 1/);
    await expect(call(HOST_CHANNELS.openDemoExtract, ['/etc/passwd'])).rejects.toThrow(/expected 0 arguments/);
    await expect(call(HOST_CHANNELS.releaseExtract, [42])).rejects.toThrow(/handle id must be a string/);
  });

  it('release forgets the handle', async () => {
    const { call, extracts } = setup();
    const handle = (await call(HOST_CHANNELS.openDemoExtract)) as ExtractHandle;
    await expect(call(HOST_CHANNELS.releaseExtract, [handle.id])).resolves.toBeUndefined();
    expect(extracts.registry.has(handle.id)).toBe(false);
    await expect(
      call(HOST_CHANNELS.decryptExtract, [handle.id, { kind: 'passphrase', passphrase: 'demo' }]),
    ).rejects.toThrow(/unknown extract handle/);
  });

  it('pick returns null when the dialog is cancelled, and a handle for a chosen file', async () => {
    const chosen = path.join(rendererRoot, 'demo', 'demo.bdx');
    const chooseExtractFile = vi.fn(async (_owner: Owner) => chosen as string | null);
    const { call } = setup({ chooseExtractFile });
    const handle = (await call(HOST_CHANNELS.pickExtractFile)) as ExtractHandle;
    expect(handle).toMatchObject({ name: 'demo.bdx', origin: 'file' });
    expect(chooseExtractFile).toHaveBeenCalledWith({ window: 'main' });
    chooseExtractFile.mockResolvedValueOnce(null);
    expect(await call(HOST_CHANNELS.pickExtractFile)).toBeNull();
  });

  const exportAudit = { kind: 'table-csv', description: 'Beskæftigede 16–64 år, basisdistrikt, 2024', extractId: '0999|Datateam|2025-01-01T00:00:00Z', suppression: 'min 5' };

  it('saves to the path the dialog returns, suggesting a sanitised name, and records the export', async () => {
    const target = path.join(tmp, 'ud.csv');
    const chooseSaveTarget = vi.fn(async (_owner: Owner, _name: string) => target as string | null);
    const { call, auditText } = setup({ chooseSaveTarget });
    const bytes = new TextEncoder().encode('a;b\n');
    const request = { suggestedName: '../secret/ud.csv', mimeType: 'text/csv', bytes, audit: exportAudit };
    const sha256 = await sha256Hex(bytes);
    expect(await call(HOST_CHANNELS.saveFile, [request])).toEqual({ saved: true, name: 'ud.csv', sha256, auditSeq: 1 });
    expect(chooseSaveTarget).toHaveBeenCalledWith({ window: 'main' }, 'ud.csv');
    expect(await readFile(target, 'utf8')).toBe('a;b\n');
    const view = (await call(HOST_CHANNELS.readAuditLog)) as AuditLogView;
    expect(view.verification).toEqual({ ok: true, entries: 1 });
    expect(view.entries[0]).toMatchObject({ ...exportAudit, fileName: 'ud.csv', fileSha256: sha256, user: 'analytiker' });
    expect(auditText()).not.toContain('a;b');
    chooseSaveTarget.mockResolvedValueOnce(null);
    expect(await call(HOST_CHANNELS.saveFile, [request])).toEqual({ saved: false });
    await expect(call(HOST_CHANNELS.saveFile, [{ ...request, bytes: 'a;b' }])).rejects.toThrow(/Uint8Array/);
    await expect(call(HOST_CHANNELS.saveFile, [{ ...request, audit: { ...exportAudit, kind: '' } }])).rejects.toThrow(/audit.kind/);
    await expect(call(HOST_CHANNELS.saveFile, [{ suggestedName: 'x.csv', mimeType: 'text/csv', bytes }])).rejects.toThrow(/audit must be an object/);
  });

  it('removes the written file when the audit log cannot record it', async () => {
    const target = path.join(tmp, 'unrecorded.csv');
    const { call, setAuditText } = setup({ chooseSaveTarget: vi.fn(async () => target) });
    setAuditText('{"seq":1}\n');
    const request = { suggestedName: 'unrecorded.csv', mimeType: 'text/csv', bytes: new Uint8Array([1, 2]), audit: exportAudit };
    await expect(call(HOST_CHANNELS.saveFile, [request])).rejects.toThrow(/the export was not kept: the audit log is damaged/);
    await expect(readFile(target)).rejects.toThrow(/ENOENT/);
  });
});

describe('stored analyst keys over IPC', () => {
  it('creates a key, opens an extract encrypted to it by reference, and never returns the secret key', async () => {
    let chosen: string | null = null;
    const { call, storedText } = setup({ chooseExtractFile: vi.fn(async () => chosen) });
    const info = (await call(HOST_CHANNELS.createKey, [{ label: 'Anna', protection: 'passphrase', passphrase: 'lang nok kode' }])) as {
      id: string;
      recipient: string;
    };
    expect(JSON.stringify(info)).not.toMatch(/AGE-SECRET-KEY/);
    expect(storedText()).not.toMatch(/AGE-SECRET-KEY/);
    const encrypter = new Encrypter();
    encrypter.addRecipient(info.recipient);
    chosen = path.join(tmp, 'for-anna.bdx');
    await writeFile(chosen, await encrypter.encrypt(new Uint8Array([7, 8, 9])));
    const handle = (await call(HOST_CHANNELS.pickExtractFile)) as ExtractHandle;
    expect(handle.encryption).toBe('recipients');
    const ok = await call(HOST_CHANNELS.decryptExtract, [handle.id, { kind: 'stored-key', keyId: info.id, keyPassphrase: 'lang nok kode' }]);
    expect(ok).toMatchObject({ ok: true });
    expect([...(ok as { plaintext: Uint8Array }).plaintext]).toEqual([7, 8, 9]);
    const wrong = await call(HOST_CHANNELS.decryptExtract, [handle.id, { kind: 'stored-key', keyId: info.id, keyPassphrase: 'forkert' }]);
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-secret' } });
    await call(HOST_CHANNELS.deleteKey, [info.id]);
    expect(await call(HOST_CHANNELS.listKeys)).toEqual([]);
  });

  it('imports a key file chosen in the dialog and refuses a file without a key', async () => {
    const { identity, recipient } = await generateAnalystKey();
    const request = { label: 'Importeret', protection: 'passphrase', passphrase: 'lang nok kode' };
    const { call } = setup({ chooseKeyFile: vi.fn(async () => `# public key: ${recipient}\n${identity}\n`) });
    expect(await call(HOST_CHANNELS.importKeyFile, [request])).toMatchObject({ recipient, label: 'Importeret' });
    const { call: callEmpty } = setup({ chooseKeyFile: vi.fn(async () => 'ingen nøgle her') });
    await expect(callEmpty(HOST_CHANNELS.importKeyFile, [request])).rejects.toThrow(/invalid-request/);
    const { call: callCancel } = setup({ chooseKeyFile: vi.fn(async () => null) });
    expect(await callCancel(HOST_CHANNELS.importKeyFile, [request])).toBeNull();
  });
});
