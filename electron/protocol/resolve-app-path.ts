/**
 * Maps an app-scheme URL to a file inside the renderer bundle, or null.
 * Percent-decoding happens before the checks, so `..%2f` and `%2e%2e` cannot climb out;
 * anything odd (backslashes, drive letters, NUL) is refused rather than normalised.
 */
import path from 'node:path';
import { isAppUrl } from '../security/app-origin';

const INDEX_FILE = 'index.html';

/** Decoded, checked path segments of the URL, or null when the URL is not acceptable. */
export function appPathSegments(url: string): string[] | null {
  if (!isAppUrl(url)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null; // malformed percent-encoding
  }
  // Backslash and ':' would be separators or drive letters on Windows; NUL truncates.
  if (/[\\:\0]/.test(decoded)) return null;
  const segments: string[] = [];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') return null;
    segments.push(segment);
  }
  if (segments.length === 0 || decoded.endsWith('/')) segments.push(INDEX_FILE);
  return segments;
}

/** Absolute path of the requested file under `root`, or null when outside or invalid. */
export function resolveAppPath(root: string, url: string): string | null {
  const segments = appPathSegments(url);
  if (!segments) return null;
  const base = path.resolve(root);
  const resolved = path.resolve(base, ...segments);
  // Belt and braces: the segment checks above should already make this impossible.
  if (!isInsideDirectory(base, resolved)) return null;
  return resolved;
}

export function isInsideDirectory(directory: string, candidate: string): boolean {
  const relative = path.relative(directory, candidate);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}
