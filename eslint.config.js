import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'url', 'stream', 'worker_threads', 'buffer'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The renderer runs in a sandboxed page: never Node, never Electron.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...NODE_BUILTINS, 'electron', 'electron/*'], message: 'The renderer never imports Node or Electron; go through the host contract.' }] },
      ],
    },
  },
  {
    // shared/ is pure and isomorphic: no Node, no Electron, no DOM, no UI libraries.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...NODE_BUILTINS, 'electron', 'react', 'react-dom', 'leaflet', 'zustand', '@duckdb/*'],
              message: 'shared/ is pure TypeScript: no Node, Electron, DOM or UI imports.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'navigator', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
);
