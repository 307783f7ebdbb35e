/**
 * Electron wiring for every web contents the app ever creates (windows, devtools,
 * anything unexpected): no webviews, no new windows, no navigation off the app origin.
 */
import type { WebContents } from 'electron';
import { isAllowedNavigation } from './navigation-policy';

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
}
