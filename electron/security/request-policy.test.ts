import { describe, expect, it } from 'vitest';
import { isAllowedRequest } from './request-policy';

describe('isAllowedRequest', () => {
  it.each([
    'app://bydelsmonitor/index.html',
    'app://bydelsmonitor/assets/index-abc123.js',
    'app://bydelsmonitor/assets/duckdb-eh.wasm',
    'app://bydelsmonitor/',
    'app://BYDELSMONITOR/index.html',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://bydelsmonitor/6f1c2a8e-1111-4222-8333-444455556666',
  ])('allows %s', (url) => {
    expect(isAllowedRequest(url)).toBe(true);
    expect(isAllowedRequest(url, { devTools: true })).toBe(true);
  });

  it('allows the devtools front end only where devtools are on', () => {
    const devtools = 'devtools://devtools/bundled/devtools_app.html';
    expect(isAllowedRequest(devtools, { devTools: true })).toBe(true);
    expect(isAllowedRequest(devtools, { devTools: false })).toBe(false);
    expect(isAllowedRequest(devtools)).toBe(false);
  });

  it.each([
    'http://127.0.0.1:5173/index.html',
    'https://tile.openstreetmap.org/1/1/1.png',
    'https://bydelsmonitor/index.html',
    'ws://localhost:24678/',
    'wss://example.org/socket',
    'ftp://example.org/file',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'chrome://gpu',
    'javascript:alert(1)',
    'app://evil/index.html',
    'app://bydelsmonitor.evil.com/index.html',
    'app://evil.bydelsmonitor/index.html',
    'app://bydelsmonitor@evil/index.html',
    'app://user:pw@bydelsmonitor/index.html',
    'app://user@bydelsmonitor/index.html',
    'app://bydelsmonitor:8080/index.html',
    'app:bydelsmonitor/index.html',
    'apps://bydelsmonitor/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedRequest(url)).toBe(false);
    expect(isAllowedRequest(url, { devTools: true })).toBe(false);
  });
});
