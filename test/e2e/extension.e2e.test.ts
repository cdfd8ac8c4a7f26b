/**
 * The extension end to end, as a job seeker uses it: real Chromium, the real built extension, job pages on their real
 * URLs, the real provider SDK talking to the local fake LLM. Prints the figures issue 4 asks for.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { browser } from 'wxt/browser';
import { checkPdfRoundTrip, pdfjsTextExtractor } from '../../shared/documents/export';
import { Run } from '../../shared/schema/run';
import { brainResponder, agentOf } from '../fake-llm/brain';
import { startFakeLlm, type FakeLlm } from '../fake-llm/server';
import { ROOT } from '../helpers';
import { bigLinkedInSearchPage } from '../../shared/sites/__fixtures__/big-page';
import { bundleSizes, CONTENT_SCRIPT_BUDGET, READER_SCRIPT } from './bundle-size';
import { dumpExtensionStorage, extUrl, launch, newProfileDir, screenshot, SCREENSHOTS, servePage, stopServiceWorker, type Session } from './harness';
import { pickFixture } from './fixtures';
import { listCorpusPages, type CorpusPage, type PageExpected } from '../corpus/score-pages';
import { boardForHost } from '../../shared/sites/catalogue';

function corpusPage(test: (e: PageExpected) => boolean): CorpusPage {
  const found = listCorpusPages().find((p) => test(p.expected));
  if (!found) throw new Error('the outside corpus has no such page');
  return found;
}

type Browser = typeof browser;

const SECRET = 'sk-e2e-SECRET-7f3a9c2e5b1d4f6a8c0e';
const DECOY_SECRET = 'sk-e2e-DECOY-0d9e8f7a6b5c4d3e2f1a';
const MASTER_PDF = join(ROOT, 'shared/__fixtures__/pdf/chromium-software-sidebar.pdf');
const figures: Record<string, string> = {};

let profile: string;
let s: Session;
let fake: FakeLlm;
let decoy: FakeLlm;
let slow = 0;
/** While set, the fake provider answers nothing until it resolves: a run waits there, whatever the machine's load. */
let hold: Promise<void> | undefined;

async function openExt(path: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(extUrl(s, path));
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
  return page;
}

async function openJobPage(url: string, html: string, opts: { frozen?: boolean } = {}): Promise<Page> {
  await servePage(s, url, html, opts);
  const page = await s.context.newPage();
  await page.goto(url);
  return page;
}

/** The browser's id of a page's tab: the worker sees the active tab once the page is in front (no "tabs" permission). */
async function tabIdOf(page: Page): Promise<number> {
  await page.bringToFront();
  const id = await s.worker.evaluate(async () => (await (globalThis as unknown as { chrome: Browser }).chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
  if (id === undefined) throw new Error('no active tab');
  return id;
}

const control = (page: Page, testid: string) => page.locator(`cvpath-control >> [data-testid="${testid}"]`);

async function tailorOnPage(page: Page): Promise<{ before: number; after: number }> {
  await control(page, 'tailor').click();
  await control(page, 'match-after').waitFor({ timeout: 60_000 });
  return { before: Number(await control(page, 'match-before').textContent()), after: Number(await control(page, 'match-after').textContent()) };
}

/** The newest stored run. */
async function latestRun(): Promise<Run> {
  const runs = ((await storage()).idb.cvpath?.runs ?? []) as { run: unknown; createdAt: string }[];
  return Run.parse(runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)!.run);
}

/**
 * Every stage the run computed went through the user's provider (none fell back offline). The CV arrives parsed
 * (reviewed at import), and stages the stage cache already held are not asked again: those made no request.
 */
function expectProviderRan(run: Run, agentsAsked: (string | undefined)[]): void {
  const computed = run.stages.filter((st) => !st.cached && st.provider !== 'input');
  expect(computed.length).toBeGreaterThanOrEqual(4);
  for (const st of computed) {
    expect(st.provider, st.stage).toBe(st.stage === 'JOB_PARSER' ? 'openrouter' : 'openai');
    expect(st.offlineFallback ?? false, st.stage).toBe(false);
    expect(agentsAsked).toContain(st.stage);
  }
}

async function storage(): Promise<Awaited<ReturnType<typeof dumpExtensionStorage>>> {
  const page = await openExt('dashboard.html');
  try {
    return await dumpExtensionStorage(page);
  } finally {
    await page.close();
  }
}

beforeAll(async () => {
  fake = await startFakeLlm({ responder: async (req) => {
    if (slow) await new Promise((r) => setTimeout(r, slow));
    if (hold) await hold;
    return brainResponder()(req);
  } });
  decoy = await startFakeLlm({ responder: brainResponder() });
  profile = newProfileDir();
  s = await launch(profile);
}, 60_000);

afterAll(async () => {
  await s?.close().catch(() => {});
  await fake?.close();
  await decoy?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  console.log(`\nExtension end-to-end figures\n${Object.entries(figures).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`);
});

/** Every stored run and run task: a new run adds one of each. */
async function runCounts(): Promise<{ runs: number; tasks: number }> {
  const { idb } = await storage();
  return { runs: (idb.cvpath?.runs ?? []).length, tasks: (idb.cvpath?.runTasks ?? []).length };
}

describe('the extension in Chromium', { timeout: 150_000 }, () => {
  it('opens the welcome page on install: import the CV there, the offline engine and keys in a few lines', async () => {
    // the profile is fresh, so launching installed the extension; its worker opened the page without being asked
    await expect.poll(() => s.context.pages().some((p) => p.url() === extUrl(s, 'welcome.html')), { timeout: 20_000 }).toBe(true);
    const page = s.context.pages().find((p) => p.url() === extUrl(s, 'welcome.html'))!;
    await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
    const intro = (await page.getByTestId('welcome-intro').textContent()) ?? '';
    expect(intro).toContain('No key needed');
    expect(intro).toMatch(/offline engine/);
    expect(intro).toMatch(/key of your own/);
    await expect.poll(() => page.getByTestId('cv-file').count()).toBe(1);
    // the toolbar button and the extensions page have the icon at every size
    const manifest = await s.worker.evaluate(() => (globalThis as unknown as { chrome: Browser }).chrome.runtime.getManifest());
    expect(Object.keys(manifest.icons ?? {})).toEqual(['16', '32', '48', '128']);
    const icon = await page.evaluate(async () => {
      const img = new Image();
      img.src = '/icon/128.png';
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    });
    expect(icon).toEqual([128, 128]);
    await screenshot(page, 'welcome');
    await page.close();
  });

  it('imports the master CV from a PDF in the options page, with a review step', async () => {
    const page = await openExt('options.html');
    // the provider and account forms wait until asked for: neither is needed to start
    expect(await page.getByTestId('provider-kind').count()).toBe(0);
    expect(await page.getByTestId('account-email').count()).toBe(0);
    await screenshot(page, 'options-first-open');
    await page.getByTestId('cv-file').setInputFiles(MASTER_PDF);
    await page.getByTestId('cv-review').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('cv-review').textContent()).toMatch(/\S/);
    await page.getByTestId('cv-save').click();
    await expect.poll(async () => (await page.getByTestId('cv-list').textContent()) ?? '', { timeout: 10_000 }).toMatch(/version|v1|1/i);
    await screenshot(page, 'options');
    await page.close();
  });

  it('shows the control on LinkedIn, Indeed and Greenhouse postings, and one click tailors offline', async () => {
    for (const board of ['linkedin', 'indeed', 'greenhouse'] as const) {
      const fx = pickFixture(board);
      const page = await openJobPage(fx.url, fx.html);
      await control(page, 'tailor').waitFor({ timeout: 10_000 });
      if (board === 'linkedin') {
        const result = await tailorOnPage(page);
        expect(result.after).toBeGreaterThanOrEqual(result.before);
        figures['offline run on LinkedIn'] = `match ${result.before} → ${result.after}`;
        await screenshot(page, 'linkedin-control');
      }
      await page.close();
    }
  });

  it('reads a classic Greenhouse page whose JobPosting JSON-LD has null fields: no raw error, the posting read whole', async () => {
    // the classic board layout with the application form, and the JSON-LD boards emit with "addressCountry": null and a
    // null hiringOrganization (issue 10: this ended in "Cannot read properties of null (reading 'name')")
    const fx = pickFixture('greenhouse');
    const ld = { '@context': 'https://schema.org', '@type': 'JobPosting', title: fx.title, hiringOrganization: null, datePosted: null, jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Pittsburgh', addressRegion: 'PA', addressCountry: null } }, description: null };
    const html = fx.html.replace('</head>', `<script type="application/ld+json">${JSON.stringify(ld)}</script></head>`);
    expect(html).toContain('"addressCountry":null');
    const url = fx.url.replace(/\/jobs\/(\d+)/, '/jobs/$1?ld=null');
    const tab = await openJobPage(url, html);
    await control(tab, 'tailor').waitFor({ timeout: 10_000 });
    const popup = await openExt(`popup.html?tabId=${await tabIdOf(tab)}`);
    await expect.poll(() => popup.getByTestId('job-title').textContent(), { timeout: 10_000 }).toContain(fx.title);
    const body = (await popup.locator('body').textContent()) ?? '';
    expect(body).toContain('Northwind Robotics');
    expect(body).toContain('Pittsburgh, PA');
    expect(body).not.toMatch(/Cannot read properties|TypeError|undefined|null/);
    await screenshot(popup, 'popup-greenhouse-null-json-ld');
    await popup.close();
    await tab.close();
  });

  it('a second click on the page control shows the last result without a new run; "Run again" says it is free and runs', async () => {
    const fx = pickFixture('linkedin');
    const before = await runCounts();
    expect(before.runs).toBeGreaterThanOrEqual(1);
    // the same posting, opened again: the first click shows the result the earlier run made
    const page = await openJobPage(fx.url, fx.html);
    await control(page, 'tailor').click();
    await control(page, 'match-after').waitFor({ timeout: 20_000 });
    expect(await control(page, 'run-cost').textContent()).toBe('Run again: free (the offline engine runs on this computer).');
    // a second click closes the panel and a third shows it again: neither starts anything
    await control(page, 'tailor').click();
    await expect.poll(() => control(page, 'panel').count()).toBe(0);
    await control(page, 'tailor').click();
    await control(page, 'match-after').waitFor({ timeout: 5_000 });
    await screenshot(page, 'linkedin-control-last-result');
    expect(await runCounts()).toEqual(before);
    // the popup on this tab shows the same result, and offers a new run by name with what it costs
    const popup = await s.context.newPage();
    await popup.setViewportSize({ width: 400, height: 640 });
    await popup.goto(extUrl(s, `popup.html?tabId=${await tabIdOf(page)}`));
    await popup.waitForSelector('body[data-ready="1"]');
    await popup.getByTestId('match-after').waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('run').textContent()).toBe('Run again');
    expect(await popup.getByTestId('run-cost').textContent()).toMatch(/last result for this job and CV is below\. Run again: free \(the offline engine/);
    await screenshot(popup, 'popup-last-result');
    await popup.close();
    expect(await runCounts()).toEqual(before);
    // asked for by name, a new run starts and finishes
    await control(page, 'run-again').click();
    await expect.poll(runCounts, { timeout: 60_000 }).toEqual({ runs: before.runs + 1, tasks: before.tasks + 1 });
    await control(page, 'match-after').waitFor({ timeout: 60_000 });
    await page.close();
  });

  it('shows the run page with typed requirements, screening apart from skill gaps, advice once each, and explained scores', async () => {
    // a real posting that asks for a degree and years of experience, tailored from the page and opened from the control
    const posting = listCorpusPages().find((p) => p.id === 'linkedin/google-power-monitoring-guest')!;
    const job = await openJobPage(posting.expected.url, posting.html);
    await tailorOnPage(job);
    const [page] = await Promise.all([s.context.waitForEvent('page'), control(job, 'open-result').click()]);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
    await page.getByTestId('skills-and-experience').waitFor({ timeout: 10_000 });
    // every requirement says what kind it is
    const types = await page.getByTestId('req-type').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    for (const t of types) expect(t).toMatch(/^(Skill or tool|Soft skill|Years of experience|Degree or field|Certification or licence|Language|Work authorisation|Location or on site|Other)$/);
    // the posting's degree and years are screening requirements, shown apart from the skills
    const screening = (await page.getByTestId('screening').textContent()) ?? '';
    expect(screening).toMatch(/Years of experience/);
    expect(screening).toMatch(/Degree or field/);
    expect(await page.getByTestId('skills-and-experience').locator('[data-testid="req-type"]', { hasText: 'Years of experience' }).count()).toBe(0);
    // advice is about each gap: no two pieces alike
    const coaching = await page.getByTestId('coaching').allTextContents();
    expect(coaching.length).toBeGreaterThan(0);
    expect(new Set(coaching).size).toBe(coaching.length);
    // every figure in the score table says what it measures
    const rows = page.getByTestId('scores').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('score-why').count()).toBe(await rows.count());
    await screenshot(page, 'run-page');
    await page.getByTestId('screening').screenshot({ path: join(SCREENSHOTS, 'run-page-screening.png') });
    await page.getByTestId('run-diff').screenshot({ path: join(SCREENSHOTS, 'run-page-diff.png') });
    await page.close();
    await job.close();
  });

  it('reads real saved pages: the control on a LinkedIn country host, and no hidden-text warning for a page\'s scripts and app state', async () => {
    // a guest LinkedIn page saved by someone else, served on the Australian host the manifest must also match
    const li = corpusPage((e) => e.board === 'linkedin');
    const au = li.expected.url.replace('://www.linkedin.com/', '://au.linkedin.com/');
    const page = await openJobPage(au, li.html);
    await control(page, 'tailor').waitFor({ timeout: 10_000 });
    await screenshot(page, 'linkedin-country-host');
    // the popup reads every real page with its title, and reports no hidden text for scripts or JSON state. Board pages
    // run on their own URLs, where the content script is declared. A careers page elsewhere is read with the activeTab
    // grant of a real click on the toolbar button, which a headless browser cannot give: those pages are served on their
    // own path from 127.0.0.1, a host the extension may script, so the popup injects the reader exactly as it does after
    // that click; their scripts are kept from running, as the saved app would re-render from data it cannot fetch.
    const pages = listCorpusPages();
    const offBoard = pages.filter((x) => !boardForHost(new URL(x.expected.url).hostname));
    // the Next.js careers sites among them (their scripts and __NEXT_DATA__ state are tags the reader must not call hidden)
    expect(offBoard.filter((p) => /\/_next\/static\/|__NEXT_DATA__/.test(p.html)).map((p) => p.id)).toContain('company-careers/netflix-pr-coordinator-japan');
    for (const p of pages) {
      const original = new URL(p.expected.url);
      const onBoard = !!boardForHost(original.hostname);
      const tab = onBoard ? await openJobPage(p.expected.url, p.html) : await openJobPage(`http://127.0.0.1${original.pathname}${original.search}`, p.html, { frozen: true });
      const popup = await openExt(`popup.html?tabId=${await tabIdOf(tab)}`);
      const title = popup.getByTestId('job-title');
      await title.or(popup.getByText('could not find a job posting')).first().waitFor({ timeout: 10_000 });
      expect((await title.count()) ? await title.textContent() : 'no posting read', p.id).toContain(p.expected.title);
      const codes = await popup.locator('[data-testid="job-warnings"] [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
      expect(codes, p.id).not.toContain('hidden_text');
      expect(await popup.locator('body').textContent(), p.id).not.toMatch(/__NEXT_DATA__|function\s*\(|window\._initialData/);
      if (p.id === 'company-careers/netflix-pr-coordinator-japan') await screenshot(popup, 'popup-nextjs-careers-page');
      await popup.close();
      await tab.close();
    }
    await page.close();
  }, 240_000);

  it('flags injection and hidden text in the page and the popup, and the payload never reaches the provider', async () => {
    // the user's own key, for an OpenAI-compatible endpoint (the fake), saved through the options page
    const opts = await openExt('options.html');
    await opts.getByTestId('provider-add').click();
    await opts.getByTestId('provider-kind').selectOption('openai');
    await opts.getByTestId('provider-model').fill('gpt-4o-mini');
    await opts.getByTestId('provider-base-url').fill(`${fake.url}/v1`);
    await opts.getByTestId('provider-key').fill(SECRET);
    await opts.getByTestId('provider-save').click();
    await expect.poll(async () => (await opts.getByTestId('provider-list').textContent()) ?? '').toContain('gpt-4o-mini');
    // a second provider with its own key, which only reading the job uses: each key must go to its own provider only
    await opts.getByTestId('provider-add').click();
    await opts.getByTestId('provider-kind').selectOption('openrouter');
    await opts.getByTestId('provider-model').fill('openai/gpt-4o-mini');
    await opts.getByTestId('provider-base-url').fill(`${decoy.url}/v1`);
    await opts.getByTestId('provider-key').fill(DECOY_SECRET);
    await opts.getByTestId('provider-save').click();
    await expect.poll(async () => (await opts.getByTestId('provider-list').textContent()) ?? '').toContain('openai/gpt-4o-mini');
    await opts.locator('.agent-chains > summary').click();
    const jobParser = opts.getByTestId('chain-JOB_PARSER');
    // the box reflects the saved setting, so it turns on once the store has it
    await jobParser.locator('input[type="checkbox"]').click();
    await expect.poll(() => jobParser.locator('input[type="checkbox"]').isChecked()).toBe(true);
    await jobParser.locator('select').selectOption({ label: 'OpenRouter · openai/gpt-4o-mini' });
    await expect.poll(async () => (await jobParser.textContent()) ?? '').toContain('OpenRouter');
    await screenshot(opts, 'options-providers');
    await opts.close();

    const fx = pickFixture('injection');
    const page = await openJobPage(fx.url, fx.html);
    await control(page, 'tailor').click();
    await control(page, 'page-warnings').waitFor({ timeout: 20_000 });
    await control(page, 'match-after').waitFor({ timeout: 60_000 });
    expect(await control(page, 'page-warnings').getAttribute('data-prompt-injection')).toBe('1');

    expectProviderRan(await latestRun(), [...fake.requests, ...decoy.requests].map(agentOf));
    // text hidden from the reader (white on white, off screen, a stylesheet's display:none): flagged in the popup
    const hidden = pickFixture('hidden');
    const hiddenPage = await openJobPage(hidden.url, hidden.html);
    const popup = await openExt(`popup.html?tabId=${await tabIdOf(hiddenPage)}`);
    await expect.poll(() => popup.getByTestId('job-title').textContent(), { timeout: 10_000 }).toContain(hidden.title);
    const codes = await popup.locator('[data-testid="job-warnings"] [data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes).toContain('hidden_text');
    await screenshot(popup, 'popup-hidden-text');
    // tailored through the providers: the hidden text reaches neither of them
    await popup.getByTestId('run').click();
    await popup.getByTestId('match-after').waitFor({ timeout: 60_000 });
    const hiddenTexts = hidden.excluded.filter((x) => /Keywords for screening|patent portfolio|Hidden keyword block/.test(x));
    expect(hiddenTexts.length).toBe(3);
    for (const hiddenText of hiddenTexts) {
      for (const r of [...fake.requests, ...decoy.requests]) expect(JSON.stringify(r.body)).not.toContain(hiddenText);
    }
    await popup.close();
    await hiddenPage.close();
    for (const payload of fx.payloads) {
      for (const r of [...fake.requests, ...decoy.requests]) expect(JSON.stringify(r.body).toLowerCase()).not.toContain(payload.toLowerCase());
    }
    await page.close();
  });

  it('sends the key only to its provider, and stores it nowhere in plain text', async () => {
    const withKey = fake.requests.filter((r) => JSON.stringify(r.headers).includes(SECRET));
    expect(withKey.length).toBeGreaterThan(0);
    for (const r of withKey) expect(r.path.startsWith('/v1/')).toBe(true);
    // whatever Chromium saw leave the browser: the key only ever went to the configured base URL
    for (const r of s.requests) {
      if (JSON.stringify(r.headers).includes(SECRET) || (r.postData ?? '').includes(SECRET)) expect(r.url.startsWith(`${fake.url}/v1/`)).toBe(true);
    }
    // the step with its own chain went to the second provider, with the second key, and only there
    expect(decoy.requests.length).toBeGreaterThan(0);
    expect(decoy.requests.every((r) => agentOf(r) === 'JOB_PARSER')).toBe(true);
    for (const r of decoy.requests) {
      expect(JSON.stringify(r.headers)).toContain(DECOY_SECRET);
      expect(JSON.stringify(r)).not.toContain(SECRET);
    }
    for (const r of fake.requests) expect(JSON.stringify(r)).not.toContain(DECOY_SECRET);
    const seenByChromium = s.requests.filter((r) => r.url.startsWith(fake.url) || r.url.startsWith(decoy.url)).length;
    expect(seenByChromium).toBeGreaterThan(0); // Chromium's own record of the worker's requests is part of the check
    figures['key routing'] = `${withKey.length} requests with the first key, all to its base URL; ${decoy.requests.length} with the second, all to its own; ${seenByChromium} provider requests also observed in Chromium`;
    const dump = JSON.stringify(await storage());
    expect(dump).not.toContain(SECRET);
    expect(dump).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(dump).not.toContain(JSON.stringify(Array.from(Buffer.from(SECRET))).slice(1, -1));
    expect(dump).not.toContain(DECOY_SECRET);
  });

  it('tailors from the popup through the fake provider, shows the result, and the PDF passes the round-trip gate', async () => {
    const fx = pickFixture('indeed');
    const job = await openJobPage(fx.url, fx.html);
    await control(job, 'tailor').waitFor();
    const tabId = await tabIdOf(job);
    // three opens, as a user opens the popup again and again; the median, since this machine's timings are noisy
    const opens: number[] = [];
    let popup!: Page;
    for (let i = 0; i < 3; i++) {
      if (popup) await popup.close();
      popup = await s.context.newPage();
      await popup.setViewportSize({ width: 400, height: 600 });
      await popup.goto(extUrl(s, `popup.html?tabId=${tabId}`));
      await popup.waitForSelector('body[data-ready="1"]');
      opens.push(await popup.evaluate(() => Number(document.body.dataset.readyMs)));
    }
    const interactiveMs = [...opens].sort((a, b) => a - b)[1]!;
    figures['popup interactive'] = `${interactiveMs.toFixed(0)} ms median of 3 opens (${opens.map((x) => x.toFixed(0)).join(', ')}), from navigation start to the first render with its data; target ≤ 300 ms`;
    // twice the target: a popup that loads pdf.js or the pipeline up front takes well over a second here
    expect(interactiveMs).toBeLessThanOrEqual(600);
    await expect.poll(() => popup.getByTestId('job-title').textContent()).toContain(fx.title);
    fake.requests.length = 0;
    decoy.requests.length = 0;
    await popup.getByTestId('run').click();
    await popup.getByTestId('match-after').waitFor({ timeout: 60_000 });
    expectProviderRan(await latestRun(), [...fake.requests, ...decoy.requests].map(agentOf));
    expect(Number(await popup.getByTestId('match-after').textContent())).toBeGreaterThanOrEqual(Number(await popup.getByTestId('match-before').textContent()));
    await screenshot(popup, 'popup-result');

    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByTestId('download-pdf').click()]);
    const dir = mkdtempSync(join(tmpdir(), 'cvpath-e2e-dl-'));
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const pdf = new Uint8Array(readFileSync(file));
    // the tailored CV of the latest run, read back from IndexedDB, is what the PDF must carry word for word
    const dump = await storage();
    const runs = (dump.idb.cvpath?.runs ?? []) as { run: unknown; createdAt: string }[];
    const latest = runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)!;
    const run = Run.parse(latest.run);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const gate = await checkPdfRoundTrip(pdf, run.outputs.tailored!.cv, { engine: 'v2', extract: pdfjsTextExtractor(pdfjs) });
    expect(gate.ok, JSON.stringify(gate)).toBe(true);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(run.outputs.tailored!.cv.basics.name);
    figures['downloaded PDF'] = `${download.suggestedFilename()}, ${(pdf.length / 1024).toFixed(1)} KB, round-trip gate passed`;
    writeFileSync(join(dir, 'ok'), '');
    rmSync(dir, { recursive: true, force: true });
    await popup.close();
    await job.close();
  });

  it('lists the applications in the dashboard, and a status change survives a browser restart', async () => {
    let dash = await openExt('dashboard.html');
    const rows = dash.getByTestId('application-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(3);
    await screenshot(dash, 'dashboard');
    const id = await rows.first().getAttribute('data-application-id');
    await rows.first().click();
    await dash.getByTestId('status-select').selectOption('applied');
    await dash.getByTestId('run-diff').waitFor({ timeout: 10_000 }).catch(() => {});
    await screenshot(dash, 'dashboard-application');
    await dash.close();

    await s.close();
    s = await launch(profile);
    dash = await openExt(`dashboard.html#/application/${id}`);
    await expect.poll(() => dash.getByTestId('status-select').inputValue()).toBe('applied');
    await dash.close();
  });

  it('killing the service worker mid-run leaves no half-written records, and the run resumes', async () => {
    slow = 700;
    const fx = pickFixture('lever') // a posting no earlier run cached, so every stage must really run;
    const page = await openJobPage(fx.url, fx.html);
    await control(page, 'tailor').click();
    // wait until the run is well under way, then kill the worker
    await page.locator('cvpath-control >> [data-testid^="stage-"][data-status="succeeded"]').first().waitFor({ timeout: 30_000 });
    // the rest of the run waits on the provider until the worker is dead: on a loaded machine (another e2e file's
    // browsers running alongside) opening the pages below can take longer than the whole run would
    let release!: () => void;
    hold = new Promise((r) => (release = r));
    const runsBefore = ((await storage()).idb.cvpath?.runs ?? []).length;
    const ext = await openExt('dashboard.html');
    await stopServiceWorker(s, ext);
    const mid = await dumpExtensionStorage(ext);
    const tasks = (mid.idb.cvpath?.runTasks ?? []) as { id: string; status: string }[];
    const running = tasks.filter((t) => t.status === 'running');
    expect(running.length).toBe(1);
    expect(((mid.idb.cvpath?.runs ?? []) as { id: string }[]).some((r) => r.id === running[0]!.id)).toBe(false);
    expect((mid.idb.cvpath?.runs ?? []).length).toBe(runsBefore);
    slow = 0;
    release();
    hold = undefined;
    // the next wake-up (the page's reconnect, or the alarm) resumes the run from its cached stages
    await control(page, 'match-after').waitFor({ timeout: 90_000 });
    const after = await dumpExtensionStorage(ext);
    const runs = (after.idb.cvpath?.runs ?? []) as { id: string; run: unknown }[];
    for (const r of runs) Run.parse(r.run); // every stored run is whole
    expect(runs.filter((r) => r.id === running[0]!.id).length).toBe(1);
    const task = ((after.idb.cvpath?.runTasks ?? []) as { id: string; status: string; attempts: number }[]).find((t) => t.id === running[0]!.id)!;
    expect(task.status).toBe('succeeded');
    expect(task.attempts).toBe(2); // the worker really died and a new one resumed the run
    figures['worker killed mid-run'] = `run resumed on attempt ${task.attempts}; ${runs.length} runs stored, all whole`;
    await ext.close();
    await page.close();
  });

  it('follows single-page navigation on LinkedIn: the control goes with the posting, comes back with the next, and reads it', async () => {
    // the content script carries no reader: each address is the worker's question, the reading its injected script
    const html = bigLinkedInSearchPage();
    const page = await openJobPage('https://www.linkedin.com/jobs/search/?keywords=engineer&currentJobId=4012345601', html);
    const host = page.locator('cvpath-control');
    await control(page, 'tailor').waitFor({ timeout: 10_000 });
    // the app closes the posting (a list with no job open): the page is not a posting any more
    await page.evaluate(() => history.pushState({}, '', '/jobs/search/?keywords=engineer'));
    await expect.poll(() => host.count(), { timeout: 10_000 }).toBe(0);
    // and opens another one in the same tab
    await page.evaluate(() => history.pushState({}, '', '/jobs/search/?keywords=engineer&currentJobId=4012345602'));
    await control(page, 'tailor').waitFor({ timeout: 10_000 });
    const popup = await openExt(`popup.html?tabId=${await tabIdOf(page)}`);
    await expect.poll(() => popup.getByTestId('job-title').textContent(), { timeout: 10_000 }).toMatch(/\S/);
    await popup.close();
    await page.close();
  });

  it('measures the content script on a 300 KB job page and the bundle size', async () => {
    const html = bigLinkedInSearchPage();
    expect(html.length).toBeGreaterThanOrEqual(300 * 1024);
    // three fresh loads, each paying the script's cold start; the median, since this machine's timings are noisy
    const setup: number[] = [];
    const read: number[] = [];
    const inject: number[] = [];
    const reread: number[] = [];
    for (let i = 0; i < 3; i++) {
      const url = `https://www.linkedin.com/jobs/search/?keywords=engineer&currentJobId=40123456${70 + i}`;
      const page = await openJobPage(url, html);
      await control(page, 'tailor').waitFor({ timeout: 10_000 });
      await page.waitForTimeout(300);
      setup.push(Number(await page.locator('cvpath-control').getAttribute('data-setup-ms')));
      const tabId = await tabIdOf(page);
      const popup = await openExt(`popup.html?tabId=${tabId}`);
      await expect.poll(() => popup.getByTestId('job-title').textContent()).toMatch(/\S/);
      read.push(Number(await page.locator('cvpath-control').getAttribute('data-scrape-ms')));
      // the whole of a read as the worker pays it: injecting the reader script, compiling it, reading, the reply
      inject.push(await s.worker.evaluate(async ({ tabId, file }) => {
        const t0 = performance.now();
        await (globalThis as unknown as { chrome: Browser }).chrome.scripting.executeScript({ target: { tabId }, files: [file] });
        return performance.now() - t0;
      }, { tabId, file: `/${READER_SCRIPT}` }));
      reread.push(Number(await page.locator('cvpath-control').getAttribute('data-scrape-ms')));
      if (i === 0) await screenshot(popup, 'popup-job');
      await popup.close();
      await page.close();
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    figures['content script on a 300 KB page'] = `${(html.length / 1024).toFixed(0)} KB page, median of 3 loads: detecting the posting and adding the control ${median(setup).toFixed(2)} ms (${setup.map((x) => x.toFixed(1)).join(', ')}), reading the posting on request ${median(read).toFixed(2)} ms (${read.map((x) => x.toFixed(1)).join(', ')}), a second read ${median(reread).toFixed(2)} ms (${reread.map((x) => x.toFixed(1)).join(', ')}), ${median(inject).toFixed(1)} ms (${inject.map((x) => x.toFixed(1)).join(', ')}) with the reader's injection from the worker; target ≤ 10 ms`;
    // The figures are printed for the issue's 10 ms budget; wall-clock time on two shared cores swings 3× with whatever
    // else runs, so the assertions only catch a change of scale: a text walk of the whole page on every navigation, or
    // a reader that parses every stylesheet, costs 100 ms and more here.
    expect(median(setup)).toBeLessThanOrEqual(50);
    expect(median(read)).toBeLessThanOrEqual(100);

    const sizes = bundleSizes();
    figures['extension bundle'] = `${sizes.summary} (issue 4 asks for ≤ 600 KB without the worker: not met, see the issue)`;
    // issue 11: the script every board page loads must not grow (bundle-size.test.ts holds the same line without a browser)
    expect(sizes.contentScript).toBeLessThanOrEqual(CONTENT_SCRIPT_BUDGET);
    // A guard against growth, not the issue's target: the official SDKs, React, zod, pdf.js, jsPDF and mammoth alone
    // weigh more than 600 KB minified. This fails when a change adds weight without anyone deciding to. Raised from
    // 2800 KB on purpose (issue 11, 2,922 KB measured): the O*NET skills vocabulary (+82 KB, in the engine only), the
    // six ATS adapters and a reader injected on demand (the content script fell from 92 to 15 KB; the worker holds the
    // readers' posting probes, +60 KB, until those become catalogue data), the welcome page and the icons.
    expect(sizes.withoutPdfWorker).toBeLessThanOrEqual(3000 * 1024);
  });
});
