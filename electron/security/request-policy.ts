/**
 * Which requests the renderer may make at all. Everything that could reach the network
 * or the local disk outside the app bundle (http, https, ws, wss, ftp, file, …) is
 * refused; the app is offline by design and citizen data must not leave the machine.
 */
import { isAppUrl } from './app-origin';

/** Schemes that never leave the process. */
const LOCAL_ONLY_SCHEMES = new Set(['data:', 'blob:']);

export interface RequestPolicyOptions {
  /** devtools: (the DevTools front end) exists only where devtools are on: unpackaged runs. */
  devTools: boolean;
}

export function isAllowedRequest(url: string, options: RequestPolicyOptions = { devTools: false }): boolean {
  if (isAppUrl(url)) return true;
  let scheme: string;
  try {
    scheme = new URL(url).protocol;
  } catch {
    return false;
  }
  return LOCAL_ONLY_SCHEMES.has(scheme) || (options.devTools && scheme === 'devtools:');
}
