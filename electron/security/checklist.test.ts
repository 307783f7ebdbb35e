/**
 * Electron's security checklist, one test per item, each reading the configuration the
 * app really applies: the bundled main process runs against a recording fake of
 * Electron (test-support/fake-electron.ts) once as an installed build (app.isPackaged)
 * and once as a development run, and the fuses are read back from a binary that the
 * packaging hook (configured in electron-builder.ts, loaded the way electron-builder
 * loads it) has flipped. Removing a hardening line makes the test named after it fail.
 * https://www.electronjs.org/docs/latest/tutorial/security
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getCurrentFuseWire } from '@electron/fuses';
import type { AfterPackContext, Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HOST_CHANNELS } from '../../shared/host/contract';
import { FUSE_WIRE_INDEX, PACKAGED_FUSES, type FuseName } from '../packaging/fuses';
import { bundleMainProcess, menuRoles, runMainProcess, type FakeElectronRecord, type Listener, type MainBundle } from '../test-support/fake-electron';
import { FUSE_OFF, FUSE_ON, writeFakeElectronBinary } from '../test-support/fake-electron-binary';
import { CONTENT_SECURITY_POLICY, parseCsp } from './csp';

const root = path.resolve(__dirname, '..', '..');

let bundle: MainBundle;
/** The installed app (app.isPackaged): what ships. */
let packaged: FakeElectronRecord;
/** `electron dist/electron/main.cjs`: development and the end-to-end tests. */
let development: FakeElectronRecord;

beforeAll(async () => {
  bundle = await bundleMainProcess({ 'assets/app.js': 'export {};' });
  packaged = await runMainProcess(bundle, { isPackaged: true });
  development = await runMainProcess(bundle, { isPackaged: false, argv: ['/usr/bin/electron', bundle.mainPath] });
});

afterAll(async () => {
  await bundle?.cleanup();
});

function webPreferences(record: FakeElectronRecord): Record<string, unknown> {
  expect(record.windows).toHaveLength(1);
  return record.windows[0]?.options['webPreferences'] as Record<string, unknown>;
}

/** Runs the app's web-contents hook on a recording web contents. */
function hardenedContents(record: FakeElectronRecord) {
  const events = new Map<string, Listener>();
  let openHandler: Listener | undefined;
  const contents = {
    on: (event: string, listener: Listener) => events.set(event, listener),
    setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
  };
  const hook = record.appEvents.get('web-contents-created');
  expect(hook, 'app.on("web-contents-created")').toBeTypeOf('function');
  hook?.({}, contents);
  return { events, openHandler };
}

/** Whether the session lets a request through (onBeforeRequest). */
function requestAllowed(record: FakeElectronRecord, url: string): boolean {
  expect(record.beforeRequest, 'session.webRequest.onBeforeRequest').toBeTypeOf('function');
  const callback = vi.fn();
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  record.beforeRequest?.({ url, method: 'GET', resourceType: 'xhr' }, callback);
  warn.mockRestore();
  expect(callback).toHaveBeenCalledTimes(1);
  return (callback.mock.calls[0]?.[0] as { cancel: boolean }).cancel === false;
}

async function appResponse(record: FakeElectronRecord, url: string): Promise<Response> {
  const handler = record.protocolHandlers.get('app');
  expect(handler, 'protocol.handle("app")').toBeTypeOf('function');
  return (await handler?.({ url, method: 'GET' })) as Response;
}

const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fullscreen',
  'geolocation',
  'idle-detection',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'pointerLock',
  'keyboardLock',
  'openExternal',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'window-management',
  'unknown',
  'fileSystem',
  'hid',
  'serial',
  'usb',
];

describe('Electron security checklist (effective configuration)', () => {
  it('context isolation', () => {
    const prefs = webPreferences(packaged);
    expect(prefs['contextIsolation']).toBe(true);
    expect(prefs['preload']).toBe(path.join(bundle.dir, 'electron', 'preload.cjs'));
  });

  it('sandbox', () => {
    expect(webPreferences(packaged)['sandbox']).toBe(true);
    // app.enableSandbox() before ready: every renderer, also one made outside createMainWindow.
    expect(packaged.order.indexOf('enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(packaged.order.indexOf('enableSandbox')).toBeLessThan(packaged.order.indexOf('whenReady'));
  });

  it('no Node integration', () => {
    expect(webPreferences(packaged)).toMatchObject({
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('web security', () => {
    const prefs = webPreferences(packaged);
    expect(prefs).toMatchObject({ webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('strict CSP', async () => {
    for (const url of ['app://bydelsmonitor/', 'app://bydelsmonitor/index.html', 'app://bydelsmonitor/assets/app.js', 'app://bydelsmonitor/missing.js']) {
      const response = await appResponse(packaged, url);
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
    const csp = parseCsp(CONTENT_SECURITY_POLICY);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect([...csp.values()].flat()).not.toEqual(expect.arrayContaining(["'unsafe-inline'"]));
    expect([...csp.values()].flat()).not.toEqual(expect.arrayContaining(["'unsafe-eval'"]));
    // The scheme may not bypass it.
    expect(packaged.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ bypassCSP: false }) }]);
  });

  it('own protocol instead of file://', async () => {
    expect(packaged.windows[0]?.loadedUrl).toBe('app://bydelsmonitor/index.html');
    expect(packaged.order.indexOf('registerSchemesAsPrivileged')).toBeLessThan(packaged.order.indexOf('whenReady'));
    expect(packaged.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, allowServiceWorkers: false }) },
    ]);
    expect((await appResponse(packaged, 'app://bydelsmonitor/index.html')).status).toBe(200);
    expect(requestAllowed(packaged, 'file:///etc/passwd')).toBe(false);
    expect(requestAllowed(packaged, 'file:///C:/Users/analyst/udtraek.bdx')).toBe(false);
  });

  it('all network requests refused', () => {
    for (const url of [
      'http://127.0.0.1:5198/index.html',
      'https://tile.openstreetmap.org/1/1/1.png',
      'ws://localhost:24678/',
      'wss://example.org/socket',
      'ftp://example.org/file',
      'chrome-extension://abc/background.js',
      'app://bydelsmonitor.example.org/index.html',
      'app://bydelsmonitor@example.org/index.html',
      'devtools://devtools/bundled/devtools_app.html', // no devtools in an installed build
    ]) {
      expect(requestAllowed(packaged, url), url).toBe(false);
    }
    expect(requestAllowed(packaged, 'app://bydelsmonitor/assets/app.js')).toBe(true);
    expect(requestAllowed(packaged, 'blob:app://bydelsmonitor/6f1c2a8e-1111-4222-8333-444455556666')).toBe(true);
    expect(requestAllowed(development, 'devtools://devtools/bundled/devtools_app.html')).toBe(true);
    expect(requestAllowed(development, 'https://example.org/')).toBe(false);
  });

  it('navigation denied', () => {
    const { events } = hardenedContents(packaged);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://example.org/', 'file:///etc/passwd', 'app://other/index.html', 'about:blank']) {
        const away = { url, preventDefault: vi.fn() };
        events.get(event)?.(away);
        expect(away.preventDefault, `${event} ${url}`).toHaveBeenCalled();
      }
      const inside = { url: 'app://bydelsmonitor/index.html#/kort', preventDefault: vi.fn() };
      events.get(event)?.(inside);
      expect(inside.preventDefault, event).not.toHaveBeenCalled();
    }
  });

  it('window opening denied', () => {
    const { openHandler } = hardenedContents(packaged);
    expect(openHandler, 'setWindowOpenHandler').toBeTypeOf('function');
    for (const url of ['https://example.org/', 'app://bydelsmonitor/index.html', 'about:blank']) {
      expect(openHandler?.({ url, frameName: '', features: '', disposition: 'new-window' }), url).toEqual({ action: 'deny' });
    }
  });

  it('no <webview>', () => {
    expect(webPreferences(packaged)['webviewTag']).toBe(false);
    const { events } = hardenedContents(packaged);
    const attach = { preventDefault: vi.fn() };
    events.get('will-attach-webview')?.(attach, {}, { src: 'https://example.org/' });
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('permission requests denied (setPermissionRequestHandler)', () => {
    expect(packaged.permissionRequest, 'setPermissionRequestHandler').toBeTypeOf('function');
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      packaged.permissionRequest?.({}, permission, callback, { requestingUrl: 'app://bydelsmonitor/index.html', isMainFrame: true });
      expect(callback, permission).toHaveBeenCalledWith(false);
    }
  });

  it('permission checks denied (setPermissionCheckHandler, setDevicePermissionHandler)', () => {
    expect(packaged.permissionCheck, 'setPermissionCheckHandler').toBeTypeOf('function');
    for (const permission of PERMISSIONS) {
      expect(packaged.permissionCheck?.({}, permission, 'app://bydelsmonitor', { isMainFrame: true }), permission).toBe(false);
    }
    expect(packaged.devicePermission, 'setDevicePermissionHandler').toBeTypeOf('function');
    expect(packaged.devicePermission?.({ deviceType: 'usb', origin: 'app://bydelsmonitor' })).toBe(false);
  });

  it('no remote content', () => {
    // Only the app's own origin is ever loaded, and no spell-checker dictionaries are fetched.
    expect(packaged.windows.map((window) => window.loadedUrl)).toEqual(['app://bydelsmonitor/index.html']);
    expect(packaged.spellCheckerEnabled).toEqual([false]);
    expect(webPreferences(packaged)['spellcheck']).toBe(false);
    // No downloads land on disk.
    const download = { preventDefault: vi.fn() };
    packaged.sessionEvents.get('will-download')?.(download, { getURL: () => 'https://example.org/x' });
    expect(download.preventDefault).toHaveBeenCalled();
    // The menu is roles only: no links to the web (Electron's default menu has some).
    const items = JSON.stringify(packaged.menuTemplate);
    expect(items).not.toMatch(/https?:/);
    expect(menuRoles(packaged.menuTemplate)).not.toContain('help');
  });

  it('devtools off in packaged builds', () => {
    expect(webPreferences(packaged)['devTools']).toBe(false);
    expect(menuRoles(packaged.menuTemplate)).not.toContain('toggleDevTools');
    expect(menuRoles(packaged.menuTemplate)).not.toContain('reload');
    // …and on in development, so the switch is app.isPackaged and not a constant.
    expect(webPreferences(development)['devTools']).toBe(true);
    expect(menuRoles(development.menuTemplate)).toContain('toggleDevTools');
  });

  it('no remote debugging of packaged builds', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const switchName of ['remote-debugging-port', 'remote-debugging-pipe', 'inspect', 'inspect-brk']) {
      const refused = await runMainProcess(bundle, { isPackaged: true, switches: [switchName] });
      expect(refused.exitCodes, switchName).toEqual([1]);
      expect(refused.windows, switchName).toEqual([]);
      expect(refused.order, switchName).toEqual(['exit']);
    }
    error.mockRestore();
    // The end-to-end tests drive an unpackaged run over the DevTools protocol.
    const driven = await runMainProcess(bundle, { isPackaged: false, switches: ['remote-debugging-port'] });
    expect(driven.windows).toHaveLength(1);
  });

  it('IPC answered only for the app itself', async () => {
    const handler = packaged.ipcHandlers.get(HOST_CHANNELS.readAuditLog);
    expect(handler).toBeTypeOf('function');
    for (const url of ['https://example.org/', 'file:///index.html', 'about:blank']) {
      await expect(handler?.({ senderFrame: { url }, sender: {} }), url).rejects.toThrow(/sender is not the Bydelsmonitor app/);
    }
    await expect(handler?.({ senderFrame: null, sender: {} })).rejects.toThrow(/sender/);
  });
});

describe('Electron fuses of packaged builds (set by the afterPack hook of electron-builder.ts)', () => {
  let tmp: string;
  let wire: Record<string, unknown>;
  let untouchedFuse: unknown;

  beforeAll(async () => {
    // The hook as electron-builder loads it: from the config file, through its own loader.
    const { getConfig } = (await import('app-builder-lib/out/util/config/config.js')) as {
      getConfig: (projectDir: string, configPath: string | null, options: null) => Promise<Configuration>;
    };
    const config = await getConfig(root, null, null);
    expect(config.afterPack, 'afterPack hook in electron-builder.ts').toBeTypeOf('function');
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-fuses-'));
    // A binary whose every fuse starts in the state we do not want (plus one newer fuse).
    const indices = Object.values(FUSE_WIRE_INDEX);
    const start = Array.from({ length: indices.length + 1 }, (_, index) => {
      const name = (Object.keys(FUSE_WIRE_INDEX) as FuseName[]).find((key) => FUSE_WIRE_INDEX[key] === index);
      return name === undefined ? FUSE_ON : PACKAGED_FUSES[name] ? FUSE_OFF : FUSE_ON;
    });
    await writeFakeElectronBinary(path.join(tmp, 'bydelsmonitor'), start);
    const context = {
      appOutDir: tmp,
      outDir: tmp,
      electronPlatformName: 'linux',
      arch: 1,
      targets: [],
      packager: { executableName: 'bydelsmonitor', appInfo: { productFilename: 'Bydelsmonitor' } },
    } as unknown as AfterPackContext;
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await (config.afterPack as (context: AfterPackContext) => Promise<void>)(context);
    log.mockRestore();
    wire = (await getCurrentFuseWire(path.join(tmp, 'bydelsmonitor'))) as unknown as Record<string, unknown>;
    untouchedFuse = wire[String(indices.length)];
  });

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const fuse = (name: FuseName) => wire[String(FUSE_WIRE_INDEX[name])];

  it('RunAsNode off (ELECTRON_RUN_AS_NODE ignored)', () => {
    expect(fuse('runAsNode')).toBe(FUSE_OFF);
  });

  it('EnableNodeOptionsEnvironmentVariable off (NODE_OPTIONS ignored)', () => {
    expect(fuse('enableNodeOptionsEnvironmentVariable')).toBe(FUSE_OFF);
  });

  it('EnableNodeCliInspectArguments off (no --inspect)', () => {
    expect(fuse('enableNodeCliInspectArguments')).toBe(FUSE_OFF);
  });

  it('OnlyLoadAppFromAsar on', () => {
    expect(fuse('onlyLoadAppFromAsar')).toBe(FUSE_ON);
  });

  it('EnableEmbeddedAsarIntegrityValidation on', () => {
    expect(fuse('enableEmbeddedAsarIntegrityValidation')).toBe(FUSE_ON);
  });

  it('EnableCookieEncryption on', () => {
    expect(fuse('enableCookieEncryption')).toBe(FUSE_ON);
  });

  it('GrantFileProtocolExtraPrivileges off', () => {
    expect(fuse('grantFileProtocolExtraPrivileges')).toBe(FUSE_OFF);
  });

  it('LoadBrowserProcessSpecificV8Snapshot off (no browser-process snapshot is shipped)', () => {
    expect(fuse('loadBrowserProcessSpecificV8Snapshot')).toBe(FUSE_OFF);
  });

  it('leaves fuses newer than @electron/fuses at Electron’s default', () => {
    expect(untouchedFuse).toBe(FUSE_ON);
  });

  it('covers every fuse @electron/fuses knows', async () => {
    const { FuseV1Options } = await import('@electron/fuses');
    const known = Object.values(FuseV1Options).filter((value) => typeof value === 'number');
    expect(Object.values(FUSE_WIRE_INDEX).sort()).toEqual(known.sort());
  });
});
