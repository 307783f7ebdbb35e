/** Picks the host: the Electron bridge when the preload exposed it, else the browser host. */
import { HOST_GLOBAL, type Host } from '../../shared/host/contract';
import { createBrowserHost } from './browser-host';

let host: Host | null = null;

export function getHost(): Host {
  if (!host) {
    const bridge = (globalThis as Record<string, unknown>)[HOST_GLOBAL] as Host | undefined;
    host = bridge ?? createBrowserHost();
  }
  return host;
}
