/**
 * The app's own origin. The renderer is served from a privileged custom scheme instead
 * of file://, so that it gets a real, narrow origin (file:// would make every local file
 * same-origin) and so that the CSP and request filter have something exact to compare to.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bydelsmonitor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged. standard: real origin and URL
 * parsing; secure: counts as a secure context (needed for crypto.subtle, workers);
 * supportFetchAPI + corsEnabled: DuckDB-wasm fetches its .wasm and Vite emits
 * `<script type="module" crossorigin>`. bypassCSP stays false: our CSP must apply.
 */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: true,
} as const;

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True only for URLs on exactly our origin. Rejects credentials and ports, which a
 * look-alike such as `app://bydelsmonitor@evil/` or `app://bydelsmonitor:1/` would use.
 * Node parses non-special schemes without lower-casing the host; Chromium lower-cases
 * standard schemes, so comparing lower-cased is exact, not lenient.
 */
export function isAppUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
