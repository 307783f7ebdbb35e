import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, parseCsp } from './csp';

describe('CONTENT_SECURITY_POLICY', () => {
  it('is exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; " +
        "img-src 'self' data: blob:; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; " +
        "frame-ancestors 'none'; object-src 'none'",
    );
  });

  const directives = parseCsp(CONTENT_SECURITY_POLICY);

  it('never allows inline code or eval', () => {
    for (const [name, sources] of directives) {
      expect(sources, name).not.toContain("'unsafe-inline'");
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources.some((s) => s.startsWith("'nonce-") || s.startsWith("'sha")), name).toBe(false);
    }
  });

  it('only connects to the app itself and allows no remote hosts anywhere', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    const all = [...directives.values()].flat();
    expect(all.filter((s) => /^(https?|wss?|ftp|file):|\*/.test(s))).toEqual([]);
  });

  it('denies by default, and workers and scripts come only from the app', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is sent with the nosniff header', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('parseCsp', () => {
  it('keeps the first occurrence of a directive, as browsers do', () => {
    const parsed = parseCsp("script-src 'self'; SCRIPT-SRC *; img-src data:");
    expect(parsed.get('script-src')).toEqual(["'self'"]);
    expect(parsed.get('img-src')).toEqual(['data:']);
  });
});
