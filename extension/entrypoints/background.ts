import { defineBackground } from 'wxt/utils/define-background';
import { startBackground } from '../background';

// A module worker: WXT shares chunks with the extension pages (the engine, the store), which keeps the bundle small.
export default defineBackground({
  type: 'module',
  main() {
    startBackground();
  },
});
