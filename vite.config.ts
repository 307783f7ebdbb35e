import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { RENDERER_CSP_META } from './shared/security/csp.ts';

/** Production pages carry the CSP as a meta tag too, so the browser host is held to it. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'bydelsmonitor-csp',
    apply: 'build',
    transformIndexHtml(html) {
      return html.replace(
        '<meta charset="UTF-8" />',
        `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${RENDERER_CSP_META}" />`,
      );
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  // resources/ holds the encrypted demo extract (served as ./demo/demo.bdx) and icons.
  publicDir: '../resources',
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  server: { host: '127.0.0.1', port: 5198, strictPort: true },
  preview: { host: '127.0.0.1', port: 5199, strictPort: true },
});
