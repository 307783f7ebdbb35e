/**
 * Which requests the renderer may make at all. Everything that could reach the network
 * or the local disk outside the app bundle (http, https, ws, wss, ftp, file, …) is
 * refused; the app is offline by design and citizen data must not leave the machine.
 */
import { isAppUrl } from './app-origin';

/** Schemes that never leave the process; devtools: only exists when devtools are on. */
const LOCAL_ONLY_SCHEMES = new Set(['data:', 'blob:', 'devtools:']);

export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url)) return true;
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return false;
  }
  return LOCAL_ONLY_SCHEMES.has(scheme);
}
