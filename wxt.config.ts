import { defineConfig } from 'wxt';

// The extension's source lives in extension/ (entrypoints, site adapters, Dexie store); shared/ holds the engine.
export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'CVPath',
    description: 'Tailor your CV to the job you are looking at — honestly.',
    permissions: ['storage'],
  },
});
