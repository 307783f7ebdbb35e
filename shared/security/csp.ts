/**
 * The renderer's Content-Security-Policy: only the app's own origin, no inline script,
 * 'wasm-unsafe-eval' only because DuckDB-wasm compiles WebAssembly. The Electron main
 * process sends it as a header; the production HTML also carries it as a meta tag
 * (without the directives a meta tag cannot carry).
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self'"],
  ['connect-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['style-src', "'self'"],
  ['font-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
  ['object-src', "'none'"],
];

const HEADER_ONLY = new Set(['frame-ancestors']);

export const RENDERER_CSP = CSP_DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');
export const RENDERER_CSP_META = CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name))
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');
