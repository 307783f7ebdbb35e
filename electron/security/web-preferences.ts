/**
 * The webPreferences of every app window, per Electron's security checklist.
 * Pure data so the flags are pinned by a unit test.
 */
import type { WebPreferences } from 'electron';

export interface SecureWebPreferencesOptions {
  /** Devtools only in unpackaged (development) runs. */
  devTools: boolean;
}

export function secureWebPreferences(preloadPath: string, options: SecureWebPreferencesOptions): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    devTools: options.devTools,
  };
}
