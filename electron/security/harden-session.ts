/**
 * Electron wiring of the session policy: every network request refused, every
 * permission denied, no downloads, no spell-checker (its dictionaries would be fetched
 * from the network). The CSP header comes with every app-scheme response from the
 * protocol handler.
 */
import type { Session } from 'electron';
import { isAllowedRequest, type RequestPolicyOptions } from './request-policy';

function schemeOf(url: string): string {
  return /^([a-z][a-z0-9+.-]{0,20}):/i.exec(url)?.[1] ?? '(unrecognised)';
}

export function hardenSession(session: Session, options: RequestPolicyOptions): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, options);
    // Only the scheme is logged: URLs could carry data the analyst is looking at.
    if (!allowed) console.warn(`[security] refused a ${schemeOf(details.url)} request`);
    callback({ cancel: !allowed });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
  session.setSpellCheckerEnabled(false);
}
