import { describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES } from './app-origin';
import { secureWebPreferences } from './web-preferences';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/electron/preload.cjs', { devTools: false });

  it('isolates and sandboxes the renderer without Node', () => {
    expect(prefs).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
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
    });
  });

  it('turns devtools on only when asked', () => {
    expect(prefs.devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', { devTools: true }).devTools).toBe(true);
  });

  it('sets nothing that loosens Chromium', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });
});

describe('APP_SCHEME_PRIVILEGES', () => {
  it('makes the scheme a secure standard origin that cannot bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, bypassCSP: false });
    expect(APP_SCHEME_PRIVILEGES.allowServiceWorkers).toBe(false);
  });
});
