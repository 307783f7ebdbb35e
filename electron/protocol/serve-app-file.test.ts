import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../security/csp';
import { serveAppRequest } from './serve-app-file';

let tmp: string;
let root: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bm-serve-'));
  root = path.join(tmp, 'renderer');
  await mkdir(path.join(root, 'assets'), { recursive: true });
  await writeFile(path.join(root, 'index.html'), '<!doctype html><title>Bydelsmonitor</title>');
  await writeFile(path.join(root, 'assets', 'duckdb.wasm'), new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  await writeFile(path.join(tmp, 'secret.txt'), 'outside the bundle');
  await symlink(path.join(tmp, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => serveAppRequest(root, { url, method });

describe('serveAppRequest', () => {
  it('serves index.html with the CSP and nosniff headers', async () => {
    const res = await get('app://bydelsmonitor/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Bydelsmonitor</title>');
  });

  it('serves WebAssembly as application/wasm, byte for byte', async () => {
    const res = await get('app://bydelsmonitor/assets/duckdb.wasm');
    expect(res.headers.get('content-type')).toBe('application/wasm');
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://bydelsmonitor/index.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('refuses traversal with 403 and still sends the CSP', async () => {
    const res = await get('app://bydelsmonitor/assets/..%2f..%2fsecret.txt');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).not.toContain('outside the bundle');
  });

  it('does not follow a symlink out of the bundle', async () => {
    const res = await get('app://bydelsmonitor/assets/link.txt');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside the bundle');
  });

  it('answers 404 for missing files and folders', async () => {
    expect((await get('app://bydelsmonitor/nope.js')).status).toBe(404);
    expect((await get('app://bydelsmonitor/assets')).status).toBe(404);
  });

  it('refuses other methods and other origins', async () => {
    expect((await get('app://bydelsmonitor/index.html', 'POST')).status).toBe(405);
    expect((await get('app://elsewhere/index.html')).status).toBe(403);
  });
});
