/**
 * Runs the bundled main process against a recording fake of the Electron API, so tests
 * read the configuration the app really applies (window options, session handlers,
 * protocol, menu, IPC, web-contents hardening) without an Electron binary. The bundle
 * is built exactly as scripts/build-electron.mjs builds dist/electron/main.cjs.
 */
import { build } from 'esbuild';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';

export type Listener = (...args: unknown[]) => unknown;

export interface WindowRecord {
  options: Record<string, unknown>;
  loadedUrl?: string;
  contentsEvents: Map<string, Listener>;
  /** Channels main sent to this window's renderer. */
  sent: string[];
}

export interface FakeElectronOptions {
  /** app.isPackaged: false for `electron main.cjs`, true in an installed build. */
  isPackaged?: boolean;
  /** Chromium switches present on the command line (app.commandLine.hasSwitch). */
  switches?: readonly string[];
  /** process.argv as the main process sees it. */
  argv?: readonly string[];
  cwd?: string;
  platform?: NodeJS.Platform;
  /** What the native open dialog answers. */
  openDialogResult?: { canceled: boolean; filePaths: string[] };
}

export interface FakeElectronRecord {
  order: string[];
  appEvents: Map<string, Listener>;
  sessionEvents: Map<string, Listener>;
  powerEvents: Map<string, Listener>;
  ipcHandlers: Map<string, Listener>;
  protocolHandlers: Map<string, Listener>;
  windows: WindowRecord[];
  privileged: unknown[];
  beforeRequest?: Listener;
  permissionRequest?: Listener;
  permissionCheck?: Listener;
  devicePermission?: Listener;
  spellCheckerEnabled: boolean[];
  menuTemplate?: unknown;
  exitCodes: number[];
  quitCalls: number;
  openDialogCalls: Record<string, unknown>[];
}

function createFakeElectron(options: FakeElectronOptions) {
  const fake: FakeElectronRecord = {
    order: [],
    appEvents: new Map(),
    sessionEvents: new Map(),
    powerEvents: new Map(),
    ipcHandlers: new Map(),
    protocolHandlers: new Map(),
    windows: [],
    privileged: [],
    spellCheckerEnabled: [],
    exitCodes: [],
    quitCalls: 0,
    openDialogCalls: [],
  };
  const switches = new Set(options.switches ?? []);
  class BrowserWindow {
    readonly record: WindowRecord;
    readonly webContents: { on: (event: string, listener: Listener) => void; send: (channel: string) => void };
    constructor(windowOptions: Record<string, unknown>) {
      fake.order.push('window');
      this.record = { options: windowOptions, contentsEvents: new Map(), sent: [] };
      const { contentsEvents: events, sent } = this.record;
      this.webContents = { on: (event, listener) => void events.set(event, listener), send: (channel) => void sent.push(channel) };
      fake.windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {
      fake.order.push('focus');
    }
    async loadURL(url: string) {
      this.record.loadedUrl = url;
    }
    static fromWebContents() {
      return null;
    }
  }
  const electron = {
    app: {
      isPackaged: options.isPackaged ?? false,
      commandLine: { hasSwitch: (name: string) => switches.has(name) },
      getPath: (name: string) => `/nonexistent/fake-${name}`,
      enableSandbox: () => fake.order.push('enableSandbox'),
      requestSingleInstanceLock: () => true,
      on: (event: string, listener: Listener) => fake.appEvents.set(event, listener),
      whenReady: () => {
        fake.order.push('whenReady');
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      },
      quit: () => {
        fake.quitCalls++;
      },
      exit: (code: number) => {
        fake.order.push('exit');
        fake.exitCodes.push(code);
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: () => Buffer.alloc(0),
      decryptString: () => '',
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        fake.order.push('registerSchemesAsPrivileged');
        fake.privileged.push(...schemes);
      },
    },
    session: {
      defaultSession: {
        protocol: { handle: (scheme: string, handler: Listener) => fake.protocolHandlers.set(scheme, handler) },
        webRequest: { onBeforeRequest: (listener: Listener) => (fake.beforeRequest = listener) },
        setPermissionRequestHandler: (handler: Listener) => (fake.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (fake.permissionCheck = handler),
        setDevicePermissionHandler: (handler: Listener) => (fake.devicePermission = handler),
        setSpellCheckerEnabled: (enabled: boolean) => fake.spellCheckerEnabled.push(enabled),
        on: (event: string, listener: Listener) => fake.sessionEvents.set(event, listener),
      },
    },
    powerMonitor: { on: (event: string, listener: Listener) => fake.powerEvents.set(event, listener) },
    ipcMain: { handle: (channel: string, handler: Listener) => fake.ipcHandlers.set(channel, handler) },
    BrowserWindow,
    Menu: {
      setApplicationMenu: (menu: unknown) => (fake.menuTemplate = menu),
      buildFromTemplate: (template: unknown) => template,
    },
    dialog: {
      showOpenDialog: async (...args: unknown[]) => {
        fake.openDialogCalls.push(args.at(-1) as Record<string, unknown>);
        return options.openDialogResult ?? { canceled: true, filePaths: [] };
      },
      showSaveDialog: vi.fn(),
    },
  };
  return { fake, electron };
}

/** A temporary app folder: renderer/index.html (+ files) and electron/main.cjs built from main.ts. */
export interface MainBundle {
  dir: string;
  mainPath: string;
  cleanup(): Promise<void>;
}

export async function bundleMainProcess(rendererFiles: Record<string, Uint8Array | string> = {}): Promise<MainBundle> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bm-main-'));
  const files: Record<string, Uint8Array | string> = {
    'index.html': '<!doctype html><title>Bydelsmonitor</title>',
    ...rendererFiles,
  };
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, 'renderer', name);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  const mainPath = path.join(dir, 'electron', 'main.cjs');
  await build({
    entryPoints: [path.join(__dirname, '..', 'main.ts')],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['electron'],
    outfile: mainPath,
    logLevel: 'silent',
  });
  return { dir, mainPath, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the bundle once against a fresh fake and returns what it recorded once `ready` has run. */
export async function runMainProcess(bundle: MainBundle, options: FakeElectronOptions = {}): Promise<FakeElectronRecord> {
  const { fake, electron } = createFakeElectron(options);
  const realRequire = createRequire(bundle.mainPath);
  const fakeRequire = (id: string) => (id === 'electron' ? electron : realRequire(id));
  const overrides: PropertyDescriptorMap = {
    argv: { value: [...(options.argv ?? ['/opt/Bydelsmonitor/bydelsmonitor'])] },
  };
  if (options.cwd !== undefined) overrides['cwd'] = { value: () => options.cwd };
  if (options.platform !== undefined) overrides['platform'] = { value: options.platform };
  const fakeProcess = Object.create(process, overrides) as NodeJS.Process;
  const code = await readFile(bundle.mainPath, 'utf8');
  const module = { exports: {} };
  // The bundle is CommonJS; run it as Node would, with `electron` swapped for the fake.
  new Function('require', 'module', 'exports', '__dirname', '__filename', 'process', code)(
    fakeRequire,
    module,
    module.exports,
    path.dirname(bundle.mainPath),
    bundle.mainPath,
    fakeProcess,
  );
  await new Promise((resolve) => setTimeout(resolve, 20)); // let whenReady → start run
  return fake;
}

/** Every `role` in a menu template, nested submenus included. */
export function menuRoles(template: unknown): string[] {
  if (Array.isArray(template)) return template.flatMap(menuRoles);
  if (template === null || typeof template !== 'object') return [];
  const item = template as { role?: unknown; submenu?: unknown };
  return [...(typeof item.role === 'string' ? [item.role] : []), ...menuRoles(item.submenu)];
}
