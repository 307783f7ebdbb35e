/**
 * Answers one app-scheme request from the renderer bundle on disk. Plain Node (uses
 * the global Response), so it is unit tested without Electron; the Electron layer only
 * passes requests in. Every response, errors included, carries the security headers.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SECURITY_HEADERS } from '../security/csp';
import { isInsideDirectory, resolveAppPath } from './resolve-app-path';
import { mimeTypeFor } from './mime';

export interface AppRequest {
  url: string;
  method: string;
}

function textResponse(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** Resolves symlinks so that a link inside the bundle cannot point outside it. */
async function realFileInside(root: string, candidate: string): Promise<string | null> {
  try {
    const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(candidate)]);
    if (!isInsideDirectory(realRoot, realFile)) return null;
    const stat = await fs.stat(realFile);
    return stat.isFile() ? realFile : null;
  } catch {
    return null;
  }
}

export async function serveAppRequest(rendererRoot: string, request: AppRequest): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
  const candidate = resolveAppPath(rendererRoot, request.url);
  if (!candidate) return textResponse(403, 'Forbidden');
  const file = await realFileInside(path.resolve(rendererRoot), candidate);
  if (!file) return textResponse(404, 'Not found');
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    return textResponse(404, 'Not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      ...SECURITY_HEADERS,
      'Content-Type': mimeTypeFor(file),
      'Content-Length': String(body.byteLength),
      'Cache-Control': 'no-cache',
    },
  });
}
