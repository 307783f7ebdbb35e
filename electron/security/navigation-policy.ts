/**
 * Where a window may navigate: only within the app origin. Links to the web are not
 * opened either (no shell.openExternal), so a crafted string in an extract cannot send
 * the analyst anywhere.
 */
import { isAppUrl } from './app-origin';

export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/** IPC is answered only for frames showing the app itself. */
export function isTrustedSenderUrl(url: string | null | undefined): boolean {
  return typeof url === 'string' && isAppUrl(url);
}
