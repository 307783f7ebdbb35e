import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appPathSegments, resolveAppPath } from './resolve-app-path';
import { mimeTypeFor } from './mime';

const root = path.resolve('/srv/bydelsmonitor/dist/renderer');

describe('resolveAppPath', () => {
  it('maps app URLs into the renderer root', () => {
    expect(resolveAppPath(root, 'app://bydelsmonitor/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://bydelsmonitor/assets/app-1a2b.js')).toBe(path.join(root, 'assets', 'app-1a2b.js'));
    expect(resolveAppPath(root, 'app://bydelsmonitor/demo/demo.bdx?x=1#y')).toBe(path.join(root, 'demo', 'demo.bdx'));
  });

  it('serves index.html for the root and for folders', () => {
    expect(resolveAppPath(root, 'app://bydelsmonitor/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://bydelsmonitor')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://bydelsmonitor/demo/')).toBe(path.join(root, 'demo', 'index.html'));
  });

  it('decodes percent-encoded names that are legitimate', () => {
    expect(resolveAppPath(root, 'app://bydelsmonitor/assets/k%C3%B8benhavn.json')).toBe(
      path.join(root, 'assets', 'københavn.json'),
    );
  });

  it.each([
    'app://bydelsmonitor/..%2f..%2fetc%2fpasswd',
    'app://bydelsmonitor/assets/..%2F..%2F..%2Fsecret',
    'app://bydelsmonitor/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://bydelsmonitor/assets/%2e%2e%5c%2e%2e%5cwindows',
    'app://bydelsmonitor/..%5c..%5cwin.ini',
    'app://bydelsmonitor/C:/Windows/win.ini',
    'app://bydelsmonitor/C%3A%5CWindows%5Cwin.ini',
    'app://bydelsmonitor/index.html%00.png',
    'app://bydelsmonitor/%E0%A4%A', // malformed encoding
    'app://evil/index.html',
    'https://bydelsmonitor/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('keeps dot-dot resolved by the URL parser inside the root', () => {
    // WHATWG URL parsing already collapses these (also %2e%2e) before we see the path.
    for (const url of ['app://bydelsmonitor/../../etc/passwd', 'app://bydelsmonitor/%2e%2e/%2e%2e/etc/passwd']) {
      const resolved = resolveAppPath(root, url);
      expect(resolved).toBe(path.join(root, 'etc', 'passwd'));
      expect(resolved?.startsWith(root + path.sep)).toBe(true);
    }
  });

  it('never yields a path outside the root for absolute-looking paths', () => {
    const resolved = resolveAppPath(root, 'app://bydelsmonitor//etc/passwd');
    expect(resolved).toBe(path.join(root, 'etc', 'passwd'));
  });

  it('splits into clean segments', () => {
    expect(appPathSegments('app://bydelsmonitor/./assets//a.js')).toEqual(['assets', 'a.js']);
  });

  it('refuses a decoded dot-dot segment itself, not only its effect', () => {
    expect(appPathSegments('app://bydelsmonitor/assets/..%2findex.html')).toBeNull();
    expect(appPathSegments('app://bydelsmonitor/%2e%2e%2fassets/a.js')).toBeNull();
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-1.js', 'text/javascript; charset=utf-8'],
    ['assets/duckdb-browser-eh.worker.js', 'text/javascript; charset=utf-8'],
    ['assets/duckdb-eh.wasm', 'application/wasm'],
    ['assets/DUCKDB.WASM', 'application/wasm'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['assets/marker.svg', 'image/svg+xml'],
    ['assets/font.woff2', 'font/woff2'],
    ['demo/demo.bdx', 'application/octet-stream'],
    ['unknown.xyz', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});
