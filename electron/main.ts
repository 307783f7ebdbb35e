/**
 * Electron main process entry (bundled to dist/electron/main.cjs). Order matters:
 * the app scheme must be registered as privileged before `ready`, and the session is
 * hardened before the first window loads anything.
 */
import os from 'node:os';
import path from 'node:path';
import { app, powerMonitor, protocol, safeStorage, session, type BrowserWindow } from 'electron';
import { HOST_EVENTS } from '../shared/host/contract';
import { createHostHandlers } from './ipc/handlers';
import { registerHostIpc } from './ipc/register';
import { createElectronDialogs } from './dialogs';
import { LaunchFiles } from './launch/launch-files';
import { installApplicationMenu } from './menu';
import { appPaths } from './paths';
import { registerAppProtocol } from './protocol/register-app-protocol';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security/app-origin';
import { debuggingSwitchesIn } from './security/debugging-switches';
import { hardenWebContents } from './security/harden-contents';
import { hardenSession } from './security/harden-session';
import { ExtractService } from './services/extract-service';
import { fileKeyStorage, safeStorageSealer } from './services/key-storage';
import { KeyStore } from '../shared/keys/key-store';
import { AuditLog } from '../shared/audit/log';
import { fileAuditStore } from './services/audit-store';
import { createMainWindow } from './window';

/** Devtools, the devtools menu and debugging switches only in unpackaged (development) runs. */
const devTools = !app.isPackaged;
const debuggingSwitches = devTools ? [] : debuggingSwitchesIn((name) => app.commandLine.hasSwitch(name));

let mainWindow: BrowserWindow | null = null;
const launchFiles = new LaunchFiles();

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const paths = appPaths(__dirname);
  hardenSession(session.defaultSession, { devTools });
  registerAppProtocol(session.defaultSession, paths.rendererRoot);
  const extracts = new ExtractService({ rendererRoot: paths.rendererRoot });
  const keys = new KeyStore(fileKeyStorage(path.join(app.getPath('userData'), 'keys.json')), safeStorageSealer(safeStorage));
  const audit = new AuditLog(fileAuditStore(path.join(app.getPath('userData'), 'audit-log.jsonl')), os.userInfo().username);
  // A .bdx the app was asked to open is where the next "Åbn fil…" dialog starts.
  const dialogs = createElectronDialogs({ extractDefaultPath: () => launchFiles.take() });
  registerHostIpc(createHostHandlers({ extracts, keys, audit, dialogs }));
  installApplicationMenu({ devTools, isMac: process.platform === 'darwin' });
  mainWindow = createMainWindow({ preloadPath: paths.preloadPath, devTools });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  // The screen locked or the machine goes to sleep: the renderer drops the decrypted data.
  const systemLock = () => mainWindow?.webContents.send(HOST_EVENTS.systemLock);
  powerMonitor.on('lock-screen', systemLock);
  powerMonitor.on('suspend', systemLock);
}

if (debuggingSwitches.length > 0) {
  // Remote debugging would hand the decrypted data to whoever connects.
  console.error(`[security] a packaged Bydelsmonitor does not start with --${debuggingSwitches.join(', --')}`);
  app.exit(1);
} else {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
  // Sandbox every renderer, including any created outside createMainWindow.
  app.enableSandbox();
  // One instance: two windows on the same extract would double what sits in memory.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    launchFiles.offerArgv(process.argv, process.cwd());
    // macOS: double-clicked .bdx files; may arrive before ready.
    app.on('open-file', (event, filePath) => {
      event.preventDefault();
      launchFiles.offer(filePath);
      focusMainWindow();
    });
    // Windows and Linux: a .bdx double-clicked while the app runs starts a second
    // instance, which quits and hands its command line over.
    app.on('second-instance', (_event, argv, workingDirectory) => {
      launchFiles.offerArgv(argv, workingDirectory);
      focusMainWindow();
    });
    app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
    // Closing the window drops decrypted data, on macOS too.
    app.on('window-all-closed', () => app.quit());
    app
      .whenReady()
      .then(start)
      .catch((err: unknown) => {
        console.error('[main] could not start:', err);
        app.exit(1);
      });
  }
}
