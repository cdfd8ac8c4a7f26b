import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'dist', 'data', 'migrations', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // shared/ runs in the extension's service worker and in Node: keep Node-only APIs out of it.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/__fixtures__/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto'], message: 'shared/ must stay isomorphic (extension service worker + Node).' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ must stay isomorphic: pass env in.' }, { name: 'Buffer', message: 'use Uint8Array / TextEncoder' }, { name: '__dirname', message: 'ESM' }],
    },
  },
);
