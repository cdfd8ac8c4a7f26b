import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// One entry per file group for `no-restricted-imports`: in flat config a later entry for the same rule replaces the
// earlier one, so every pattern for shared/ lives here.
const sharedRestrictedImports = {
  patterns: [
    {
      group: ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto'],
      message: 'shared/ must stay isomorphic (extension service worker + Node).',
    },
    {
      group: ['**/extension', '**/extension/**', '**/backend', '**/backend/**'],
      message: 'shared/ is the engine both the extension and the backend build on: it must not depend on either.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'dist', 'data', 'migrations', '.scratch'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Plain JS has no types to check against.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
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
    files: ['extension/**/*.tsx', '**/use-*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      // vitest's asymmetric matchers (`expect.any`, `expect.objectContaining`, `expect.stringMatching`) are typed `any`,
      // and tests read JSON the code under test printed or returned to assert on it: typing every such value would
      // restate the schema the test is checking, not make the test safer.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // `expect(fakeBrowser.runtime.openOptionsPage).toHaveBeenCalled()` and `describe.each(rows)(…, ({ create }) => …)`
      // hand methods around without calling them; that is how vitest is used, not a lost `this`.
      '@typescript-eslint/unbound-method': 'off',
      // Fakes implement async interfaces (transports, stores, browser APIs) with synchronous bodies.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // shared/ runs in the extension's service worker and in Node: keep Node-only APIs out of it.
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/__fixtures__/**'],
    rules: {
      'no-restricted-imports': ['error', sharedRestrictedImports],
      'no-restricted-globals': ['error', { name: 'process', message: 'shared/ must stay isomorphic: pass env in.' }, { name: 'Buffer', message: 'use Uint8Array / TextEncoder' }, { name: '__dirname', message: 'ESM' }],
    },
  },
);
