/**
 * Runs the bundled main process against a recording fake of the Electron API, so the
 * wiring (privileged scheme before ready, sandbox, session policy, protocol, window
 * preferences, IPC, web-contents hardening, launch files) is checked without an Electron
 * binary. The security checklist itself is in security/checklist.test.ts.
 */
import { Encrypter } from 'age-encryption';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS, HOST_EVENTS, type ExtractHandle } from '../shared/host/contract';
import { CONTENT_SECURITY_POLICY } from './security/csp';
import { bundleMainProcess, runMainProcess, type FakeElectronRecord, type Listener, type MainBundle } from './test-support/fake-electron';

let bundle: MainBundle;
let fake: FakeElectronRecord;
let tmp: string;

beforeAll(async () => {
  const encrypter = new Encrypter();
  encrypter.setPassphrase('demo-pass');
  encrypter.setScryptWorkFactor(10);
  bundle = await bundleMainProcess({ 'demo/demo.bdx': await encrypter.encrypt(new Uint8Array([4, 2])) });
  tmp = bundle.dir;
  fake = await runMainProcess(bundle, { argv: ['/usr/bin/electron', bundle.mainPath] });
});

afterAll(async () => {
  await bundle.cleanup();
});

const appFrame = { senderFrame: { url: 'app://bydelsmonitor/index.html' }, sender: {} };

describe('main process wiring (fake Electron)', () => {
  it('registers the privileged app scheme and the sandbox before ready, and the window after', () => {
    expect(fake.order).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'whenReady', 'window']);
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, bypassCSP: false }) },
    ]);
  });

  it('opens one window with hardened preferences on the app origin', () => {
    expect(fake.windows).toHaveLength(1);
    const window = fake.windows[0];
    expect(window?.options['title']).toBe('Bydelsmonitor');
    expect(window?.options['webPreferences']).toMatchObject({
      preload: path.join(tmp, 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: true, // unpackaged run
    });
    expect(window?.loadedUrl).toBe('app://bydelsmonitor/index.html');
  });

  it('tells the renderer to lock when the screen locks or the machine suspends', () => {
    const window = fake.windows[0]!;
    expect([...fake.powerEvents.keys()].sort()).toEqual(['lock-screen', 'suspend']);
    fake.powerEvents.get('lock-screen')!();
    fake.powerEvents.get('suspend')!();
    expect(window.sent).toEqual([HOST_EVENTS.systemLock, HOST_EVENTS.systemLock]);
  });

  it('refuses network requests and permissions on the session', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const decide = (url: string) => {
      const callback = vi.fn();
      fake.beforeRequest?.({ url }, callback);
      return callback.mock.calls[0]?.[0];
    };
    expect(decide('app://bydelsmonitor/assets/a.js')).toEqual({ cancel: false });
    expect(decide('https://example.org/')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(warn).toHaveBeenCalledWith('[security] refused a https request');
    warn.mockRestore();
    const granted = vi.fn();
    fake.permissionRequest?.({}, 'geolocation', granted, {});
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.permissionCheck?.({}, 'clipboard-read', 'app://bydelsmonitor', {})).toBe(false);
    expect(fake.devicePermission?.({})).toBe(false);
    const download = { preventDefault: vi.fn() };
    fake.sessionEvents.get('will-download')?.(download);
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it('serves the renderer root through the app protocol with the CSP', async () => {
    const handler = fake.protocolHandlers.get('app');
    const response = (await handler?.({ url: 'app://bydelsmonitor/', method: 'GET' })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>Bydelsmonitor</title>');
  });

  it('hardens every web contents created', () => {
    const events = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    const contents = {
      on: (event: string, listener: Listener) => events.set(event, listener),
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
    };
    fake.appEvents.get('web-contents-created')?.({}, contents);
    expect(openHandler?.({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
      const away = { url: 'https://example.org/', preventDefault: vi.fn() };
      events.get(event)?.(away);
      expect(away.preventDefault, event).toHaveBeenCalled();
      const inside = { url: 'app://bydelsmonitor/index.html#/kort', preventDefault: vi.fn() };
      events.get(event)?.(inside);
      expect(inside.preventDefault, event).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    events.get('will-attach-webview')?.(webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('answers the host contract over IPC for the app frame only', async () => {
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(Object.values(HOST_CHANNELS).sort());
    const invoke = (channel: string, event: unknown, ...args: unknown[]) => fake.ipcHandlers.get(channel)?.(event, ...args);
    const handle = (await invoke(HOST_CHANNELS.openDemoExtract, appFrame)) as ExtractHandle;
    expect(handle).toMatchObject({ name: 'demo.bdx', origin: 'demo' });
    expect(await invoke(HOST_CHANNELS.decryptExtract, appFrame, handle.id, { kind: 'passphrase', passphrase: 'demo-pass' })).toEqual({
      ok: true,
      plaintext: new Uint8Array([4, 2]),
    });
    await expect(
      invoke(HOST_CHANNELS.openDemoExtract, { senderFrame: { url: 'https://evil.example/' }, sender: {} }),
    ).rejects.toThrow(/sender is not the Bydelsmonitor app/);
    await expect(invoke(HOST_CHANNELS.openDemoExtract, { senderFrame: null, sender: {} })).rejects.toThrow(/sender/);
  });
});

describe('opening a .bdx from outside (file association)', () => {
  const invokePick = (record: FakeElectronRecord) => record.ipcHandlers.get(HOST_CHANNELS.pickExtractFile)?.(appFrame);

  it('starts the next open dialog on a .bdx given on the command line, once', async () => {
    const cwd = path.resolve('/home/analyst');
    const record = await runMainProcess(bundle, { isPackaged: true, argv: ['/opt/Bydelsmonitor/bydelsmonitor', 'Hentet/udtraek.bdx'], cwd });
    expect(await invokePick(record)).toBeNull(); // the fake dialog is cancelled
    expect(record.openDialogCalls[0]).toMatchObject({ title: 'Åbn udtræk', defaultPath: path.join(cwd, 'Hentet', 'udtraek.bdx') });
    await invokePick(record);
    expect(record.openDialogCalls[1]).not.toHaveProperty('defaultPath');
  });

  it('takes files from macOS open-file and from a second instance, and focuses the window', async () => {
    const record = await runMainProcess(bundle, { isPackaged: true });
    const openFile = { preventDefault: vi.fn() };
    const macFile = path.resolve('/Users/analyst/udtraek.bdx');
    record.appEvents.get('open-file')?.(openFile, macFile);
    expect(openFile.preventDefault).toHaveBeenCalled();
    await invokePick(record);
    expect(record.openDialogCalls[0]?.['defaultPath']).toBe(macFile);

    const secondFile = path.resolve('/data/andet.bdx');
    record.appEvents.get('second-instance')?.({}, ['C:/Program Files/Bydelsmonitor.exe', secondFile], '/');
    expect(record.order.at(-1)).toBe('focus');
    await invokePick(record);
    expect(record.openDialogCalls[1]?.['defaultPath']).toBe(secondFile);
  });

  it('opens the file chosen in that dialog through the extract service', async () => {
    const chosen = path.join(tmp, 'renderer', 'demo', 'demo.bdx');
    const record = await runMainProcess(bundle, { openDialogResult: { canceled: false, filePaths: [chosen] }, argv: ['electron', bundle.mainPath, chosen] });
    const handle = (await invokePick(record)) as ExtractHandle;
    expect(handle).toMatchObject({ name: 'demo.bdx', origin: 'file' });
    expect(record.openDialogCalls[0]?.['defaultPath']).toBe(chosen);
  });
});
