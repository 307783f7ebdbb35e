import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Mirrors scripts/build-electron.mjs: the sandboxed preload may require only electron.
describe('preload bundle', () => {
  it('is a single CJS file whose only require is electron', async () => {
    const result = await build({
      entryPoints: [path.join(__dirname, 'preload.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const requires = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld');
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\)/);
  });
});
