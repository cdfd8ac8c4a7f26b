/**
 * The built extension's page scripts (issue 11, acceptance 5: the content script does not grow). Reads the build that
 * `npm test` makes before the unit tests (`npm run build:ext` by hand); no browser needed.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleSizes, CONTENT_SCRIPT, CONTENT_SCRIPT_BUDGET, READER_SCRIPT } from './bundle-size';
import { EXT_DIR } from './harness';

describe('the page scripts of the built extension', () => {
  it('keeps the content script every board page loads under its budget, the readers in their own script', () => {
    for (const f of [CONTENT_SCRIPT, READER_SCRIPT]) {
      expect(existsSync(join(EXT_DIR, f)), `${f} is not built: run npm run build:ext first`).toBe(true);
    }
    const sizes = bundleSizes();
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`content script ${kb(sizes.contentScript)} (budget ${kb(CONTENT_SCRIPT_BUDGET)}); reader ${kb(sizes.reader)}`);
    expect(sizes.contentScript).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET);
    // the reader is what the content script no longer carries: it must hold the readers (else they came back)
    expect(sizes.reader).toBeGreaterThan(sizes.contentScript);
  });
});
