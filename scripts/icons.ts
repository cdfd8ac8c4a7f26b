/**
 * Rasterises the one icon source (extension/assets/icon.svg) into the PNG sizes the manifest lists, with the same
 * Chromium the end-to-end tests use: `npx tsx scripts/icons.ts`. The PNGs are committed, so a build needs no browser;
 * run this again after changing the SVG.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ICON_SIZES } from '../extension/assets/icon-sizes';
import { chromiumPath } from '../test/e2e/harness';

const ROOT = join(import.meta.dirname, '..');
const svg = readFileSync(join(ROOT, 'extension/assets/icon.svg'), 'utf8');

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
    writeFileSync(join(ROOT, `extension/public/icon/${size}.png`), await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`icons: ${ICON_SIZES.join(', ')} px written to extension/public/icon/`);
