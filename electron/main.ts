/**
 * Electron main process entry (bundled to dist/electron/main.cjs). Order matters:
 * the app scheme must be registered as privileged before `ready`, and the session is
 * hardened before the first window loads anything.
 */
import os from 'node:os';
import path from 'node:path';
import { app, protocol, safeStorage, session, type BrowserWindow } from 'electron';
import { createHostHandlers } from './ipc/handlers';
import { registerHostIpc } from './ipc/register';
import { electronDialogs } from './dialogs';
import { installApplicationMenu } from './menu';
import { appPaths } from './paths';
import { registerAppProtocol } from './protocol/register-app-protocol';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './security/app-origin';
import { hardenWebContents } from './security/harden-contents';
import { hardenSession } from './security/harden-session';
import { ExtractService } from './services/extract-service';
import { fileKeyStorage, safeStorageSealer } from './services/key-storage';
import { KeyStore } from '../shared/keys/key-store';
import { AuditLog } from '../shared/audit/log';
import { fileAuditStore } from './services/audit-store';
import { createMainWindow } from './window';

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
// Sandbox every renderer, including any created outside createMainWindow.
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const paths = appPaths(__dirname);
  const devTools = !app.isPackaged;
  hardenSession(session.defaultSession);
  registerAppProtocol(session.defaultSession, paths.rendererRoot);
  const extracts = new ExtractService({ rendererRoot: paths.rendererRoot });
  const keys = new KeyStore(fileKeyStorage(path.join(app.getPath('userData'), 'keys.json')), safeStorageSealer(safeStorage));
  const audit = new AuditLog(fileAuditStore(path.join(app.getPath('userData'), 'audit-log.jsonl')), os.userInfo().username);
  registerHostIpc(createHostHandlers({ extracts, keys, audit, dialogs: electronDialogs }));
  installApplicationMenu({ devTools, isMac: process.platform === 'darwin' });
  mainWindow = createMainWindow({ preloadPath: paths.preloadPath, devTools });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

// One instance: two windows on the same extract would double what sits in memory.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
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
