import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS, HOST_EVENTS, HOST_GLOBAL, type Host } from '../shared/host/contract';

// The preload runs against Electron's API; here a fake records what it exposes.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  listeners: new Map<string, (...args: unknown[]) => void>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: electron.invoke,
    send: vi.fn(),
    on: (channel: string, listener: (...args: unknown[]) => void) => electron.listeners.set(channel, listener),
    removeListener: (channel: string) => electron.listeners.delete(channel),
  },
}));

await import('./preload');
const bridge = electron.exposed.get(HOST_GLOBAL) as Host;
const handle = { id: '3f2b8c1e-9d4a-4e6f-8b2c-1a2b3c4d5e6f', name: 'demo.bdx', sizeBytes: 10, origin: 'demo' as const, encryption: 'passphrase' as const };

describe('preload bridge', () => {
  beforeEach(() => electron.invoke.mockReset());

  it('passes the system lock to the renderer without the IPC event, and unsubscribes', () => {
    const calls: unknown[][] = [];
    const off = bridge.onSystemLock((...args: unknown[]) => void calls.push(args));
    electron.listeners.get(HOST_EVENTS.systemLock)!({ sender: 'ipc-event' });
    expect(calls).toEqual([[]]);
    off();
    expect(electron.listeners.has(HOST_EVENTS.systemLock)).toBe(false);
  });

  it('exposes exactly the host contract under bydelsmonitorHost, nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['bydelsmonitorHost']);
    expect(Object.keys(bridge).sort()).toEqual(
      [
        'createKey',
        'decryptExtract',
        'deleteKey',
        'importKeyFile',
        'keyStoreStatus',
        'kind',
        'listKeys',
        'onSystemLock',
        'openBriefingFile',
        'openDemoExtract',
        'pickExtractFile',
        'readAuditLog',
        'releaseExtract',
        'saveFile',
      ].sort(),
    );
    expect(bridge.kind).toBe('electron');
    expect(Object.values(bridge).some((v) => v === electron.invoke || (typeof v === 'object' && v !== null))).toBe(false);
  });

  it('invokes the contract channels, sending only the handle id', async () => {
    electron.invoke.mockResolvedValue({ ok: true, plaintext: new Uint8Array() });
    await bridge.decryptExtract(handle, { kind: 'passphrase', passphrase: 'p' });
    expect(electron.invoke).toHaveBeenCalledWith(HOST_CHANNELS.decryptExtract, handle.id, { kind: 'passphrase', passphrase: 'p' });
    await bridge.releaseExtract(handle);
    expect(electron.invoke).toHaveBeenLastCalledWith(HOST_CHANNELS.releaseExtract, handle.id);
    await bridge.openDemoExtract();
    expect(electron.invoke).toHaveBeenLastCalledWith(HOST_CHANNELS.openDemoExtract);
    await bridge.pickExtractFile();
    expect(electron.invoke).toHaveBeenLastCalledWith(HOST_CHANNELS.pickExtractFile);
    const bytes = new Uint8Array([1]);
    const audit = { kind: 'table-csv', description: 'd', extractId: 'e', suppression: 's' };
    await bridge.saveFile({ suggestedName: 'a.csv', mimeType: 'text/csv', bytes, audit });
    expect(electron.invoke).toHaveBeenLastCalledWith(HOST_CHANNELS.saveFile, { suggestedName: 'a.csv', mimeType: 'text/csv', bytes, audit });
    await bridge.readAuditLog();
    expect(electron.invoke).toHaveBeenLastCalledWith(HOST_CHANNELS.readAuditLog);
  });

  it('passes main-process errors on without the IPC wrapper', async () => {
    electron.invoke.mockImplementationOnce(async () => {
      throw new Error("Error invoking remote method 'host:open-demo-extract': Error: demo missing");
    });
    await expect(bridge.openDemoExtract()).rejects.toThrow(/^demo missing$/);
  });
});
