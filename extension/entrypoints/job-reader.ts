import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readPage } from '../content/reader';

/**
 * The posting reader, injected by the worker (extension/background/tab-scrape.ts) into a tab when the user opens the
 * popup or clicks the page control. Its return value is the injection's result.
 */
export default defineUnlistedScript(() => readPage(window));
