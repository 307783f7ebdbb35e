/** Electron wiring: serves the app scheme on a session from the renderer bundle. */
import type { Session } from 'electron';
import { APP_SCHEME } from '../security/app-origin';
import { serveAppRequest } from './serve-app-file';

export function registerAppProtocol(session: Session, rendererRoot: string): void {
  session.protocol.handle(APP_SCHEME, (request) =>
    serveAppRequest(rendererRoot, { url: request.url, method: request.method }),
  );
}
