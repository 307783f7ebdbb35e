/** The one application window. */
import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL } from './security/app-origin';
import { secureWebPreferences } from './security/web-preferences';

export const WINDOW_TITLE = 'Bydelsmonitor';

export interface MainWindowOptions {
  preloadPath: string;
  devTools: boolean;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: WINDOW_TITLE,
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath, { devTools: options.devTools }),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-fail-load', (_event, code, description) => {
    console.error(`[window] the app failed to load (${code} ${description})`);
    window.show();
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
