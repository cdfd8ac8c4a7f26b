/**
 * The corpus read in a real browser. `npm run accuracy` reads every saved page from its markup (linkedom); in Chromium
 * the same readers also see the computed style (what is hidden, what is white on a dark canvas), which once cost a
 * whole posting. Here every corpus page is loaded on its own URL, its scripts kept from running (the saved app would
 * re-render from data it cannot fetch), and read by the readers as the content script runs them: the reading must be
 * as exact as the markup reading, page by page, and never warn of hidden text that is not there.
 */
import { buildSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from 'playwright-core';
import { ROOT } from '../helpers';
import { chromiumPath } from './harness';
import { listCorpusPages, norm, scorePage } from '../corpus/score-pages';

/** The readers and the live environment, bundled for the page as the content script bundles them. */
function readerBundle(): string {
  const entry = `
    import { scrapeJobWithFailures } from './shared/sites';
    import { liveEnv } from './extension/content/live-env';
    globalThis.__cvpathRead = () => {
      const { result } = scrapeJobWithFailures(document, new URL(location.href), liveEnv(window));
      return result && { title: result.posting.title, company: result.posting.company, location: result.posting.location, description: result.posting.description, warnings: (result.posting.warnings ?? []).map((w) => w.code) };
    };`;
  const out = buildSync({ stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' }, bundle: true, format: 'iife', write: false, logLevel: 'silent' });
  return out.outputFiles[0]!.text;
}

interface LiveRead { title: string; company: string | null; location: string | null; description: string; warnings: string[] }

describe('the corpus read in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const executablePath = chromiumPath();
    if (!executablePath) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH).');
    browser = await chromium.launch({ executablePath });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('reads every page as exactly as from its markup, with no hidden-text warning', async () => {
    const bundle = readerBundle();
    const ctx = await browser.newContext();
    const differences: string[] = [];
    let exact = 0;
    const pages = listCorpusPages();
    for (const p of pages) {
      const e = p.expected;
      // the page on its own URL; nothing else of the internet is reachable
      await ctx.unroute('**/*');
      await ctx.route('**/*', (r) =>
        r.request().url() === e.url
          ? r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': "script-src 'none'" }, body: p.html })
          : r.abort('internetdisconnected'),
      );
      const page = await ctx.newPage();
      await page.goto(e.url);
      await page.evaluate(bundle);
      const got = await page.evaluate(() => (globalThis as unknown as { __cvpathRead: () => LiveRead | null }).__cvpathRead());
      await page.close();
      const misses: string[] = [];
      if (!got) misses.push('nothing read');
      else {
        for (const f of ['title', 'company', 'location'] as const) if (norm(got[f]) !== norm(e[f])) misses.push(`${f}: "${got[f] ?? ''}" ≠ "${e[f] ?? ''}"`);
        const d = norm(got.description);
        for (const s of e.descriptionIncludes) if (!d.includes(norm(s))) misses.push(`description lacks "${s.slice(0, 60)}"`);
        for (const s of e.descriptionExcludes) if (d.includes(norm(s))) misses.push(`description has chrome "${s.slice(0, 60)}"`);
        if (got.warnings.includes('hidden_text')) differences.push(`${p.id}: warns of hidden text`);
      }
      if (!misses.length) exact++;
      // the browser may read better than markup alone, never worse
      if (misses.length && scorePage(p).exact) differences.push(`${p.id}: ${misses.join('; ')}`);
    }
    await ctx.close();
    console.log(`corpus in Chromium: ${exact}/${pages.length} pages exactly right`);
    expect(differences).toEqual([]);
  }, 240_000);
});
