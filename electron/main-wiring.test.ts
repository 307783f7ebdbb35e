/**
 * Runs the bundled main process against a recording fake of the Electron API, so the
 * wiring (privileged scheme before ready, sandbox, session policy, protocol, window
 * preferences, IPC, web-contents hardening) is checked without an Electron binary.
 */
import { Encrypter } from 'age-encryption';
import { build } from 'esbuild';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS, type ExtractHandle } from '../shared/host/contract';
import { CONTENT_SECURITY_POLICY } from './security/csp';

type Listener = (...args: unknown[]) => unknown;

function createFakeElectron() {
  const appEvents = new Map<string, Listener>();
  const sessionEvents = new Map<string, Listener>();
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, Listener>();
  const order: string[] = [];
  const fake = {
    order,
    appEvents,
    sessionEvents,
    ipcHandlers,
    protocolHandlers,
    windows: [] as { options: Record<string, unknown>; loadedUrl?: string }[],
    privileged: [] as unknown[],
    beforeRequest: undefined as Listener | undefined,
    permissionRequest: undefined as Listener | undefined,
    permissionCheck: undefined as Listener | undefined,
    devicePermission: undefined as Listener | undefined,
  };
  class BrowserWindow {
    webContents = { on: () => undefined };
    readonly record: { options: Record<string, unknown>; loadedUrl?: string };
    constructor(options: Record<string, unknown>) {
      order.push('window');
      this.record = { options };
      fake.windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    async loadURL(url: string) {
      this.record.loadedUrl = url;
    }
    static fromWebContents() {
      return null;
    }
  }
  const electron = {
    app: {
      isPackaged: false,
      getPath: (name: string) => `/nonexistent/fake-${name}`,
      enableSandbox: () => order.push('enableSandbox'),
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => appEvents.set(event, listener),
      whenReady: () => {
        order.push('whenReady');
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      },
      quit: vi.fn(),
      exit: vi.fn(),
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        order.push('registerSchemesAsPrivileged');
        fake.privileged.push(...schemes);
      },
    },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, handler: Listener) => protocolHandlers.set(scheme, handler) },
        webRequest: { onBeforeRequest: (listener: Listener) => (fake.beforeRequest = listener) },
        setPermissionRequestHandler: (handler: Listener) => (fake.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (fake.permissionCheck = handler),
        setDevicePermissionHandler: (handler: Listener) => (fake.devicePermission = handler),
        setSpellCheckerEnabled: vi.fn(),
        on: (event: string, listener: Listener) => sessionEvents.set(event, listener),
      },
    },
    ipcMain: { handle: (channel: string, handler: Listener) => ipcHandlers.set(channel, handler) },
    BrowserWindow,
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (template: unknown) => template },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
  };
  return { fake, electron };
}

let tmp: string;
let fake: ReturnType<typeof createFakeElectron>['fake'];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-main-'));
  const electronDir = path.join(tmp, 'electron');
  await mkdir(path.join(tmp, 'renderer', 'demo'), { recursive: true });
  await writeFile(path.join(tmp, 'renderer', 'index.html'), '<!doctype html><title>Bydelsmonitor</title>');
  const encrypter = new Encrypter();
  encrypter.setPassphrase('demo-pass');
  encrypter.setScryptWorkFactor(10);
  await writeFile(path.join(tmp, 'renderer', 'demo', 'demo.bdx'), await encrypter.encrypt(new Uint8Array([4, 2])));
  const outfile = path.join(electronDir, 'main.cjs');
  await build({
    entryPoints: [path.join(__dirname, 'main.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    outfile,
    logLevel: 'silent',
  });
  const created = createFakeElectron();
  fake = created.fake;
  const realRequire = createRequire(outfile);
  const fakeRequire = (id: string) => (id === 'electron' ? created.electron : realRequire(id));
  const code = await readFile(outfile, 'utf8');
  const module = { exports: {} };
  // The bundle is CommonJS; run it as Node would, with `electron` swapped for the fake.
  new Function('require', 'module', 'exports', '__dirname', '__filename', code)(fakeRequire, module, module.exports, electronDir, outfile);
  await new Promise((resolve) => setTimeout(resolve, 20)); // let whenReady → start run
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
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
