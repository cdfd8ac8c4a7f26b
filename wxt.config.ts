import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { BOARD_MATCHES } from './shared/sites/catalogue';

const unavailable = fileURLToPath(new URL('./extension/build/unavailable.ts', import.meta.url));

// The extension's source lives in extension/ (entrypoints, site adapters, Dexie store); shared/ holds the engine.
export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/module-react'],
  manifest: {
    name: 'CVPath',
    description: 'Tailor your CV to the job you are looking at — honestly.',
    // message replies are returned as Promises (extension/messaging), which Chrome honours from version 144 on;
    // an older browser would drop every reply, so it is told the extension needs a newer one instead
    minimum_chrome_version: '144',
    // storage: settings; alarms: resume runs a restarted worker left behind; activeTab + scripting: read a careers page
    // that is not a known board, only when the user opens the popup on it
    permissions: ['storage', 'unlimitedStorage', 'alarms', 'activeTab', 'scripting'],
    // Where a user's own key may be sent: each provider's API, and a local Ollama. Nothing else is reachable with a key.
    // localhost also serves the sync backend that `npm start` runs (http://localhost:8787); sync never sends a key.
    host_permissions: [
      'https://api.openai.com/*',
      'https://api.anthropic.com/*',
      'https://generativelanguage.googleapis.com/*',
      'https://openrouter.ai/*',
      'http://localhost/*',
      'http://127.0.0.1/*',
      // the boards the page control runs on: the worker injects the reader there when the control is clicked, and
      // content-script matches alone do not let it (the same hosts, so the install prompt asks for nothing more)
      ...BOARD_MATCHES,
    ],
    // any other OpenAI-compatible base URL, or another sync server, is asked for when the user saves it in the options page
    optional_host_permissions: ['https://*/*'],
  },
  vite: () => ({
    resolve: {
      alias: [
        { find: /^(html2canvas|canvg|dompurify)$/, replacement: unavailable },
        // shared/'s importer defaults to pdf.js's legacy build for Node; Chrome runs the modern build, and one copy is enough
        { find: /^pdfjs-dist\/legacy\/build\/pdf\.mjs$/, replacement: 'pdfjs-dist/build/pdf.mjs' },
      ],
    },
    build: { chunkSizeWarningLimit: 1500 },
  }),
});
