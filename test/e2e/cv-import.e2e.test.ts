/**
 * Importing a CV through the user's provider, end to end (issue 10): real Chromium, the built extension, the real
 * OpenAI SDK in the worker talking to the local fake LLM. The fake model misreads the CV the way real layouts get
 * misread (a promotion read as one role, a bullet under the wrong employer, one role cut in two), and the person fixes
 * each of those in one action in the review form.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { Cv } from '../../shared/schema/cv';
import { agentOf, brainResponder } from '../fake-llm/brain';
import { startFakeLlm, type FakeLlm } from '../fake-llm/server';
import { dumpExtensionStorage, extUrl, launch, newProfileDir, type Session } from './harness';

const KEY = 'sk-e2e-CVIMPORT-4b7d1e9a2c6f8b3d';
/** Screenshots to look at, outside the repository. */
const SHOTS = process.env.CVPATH_SHOTS ?? join(tmpdir(), 'cvpath-cv-import-shots');

const CV_TEXT = `Jane Doe
Platform Engineer
jane.doe@example.com · +44 20 7946 0000 · Leeds, UK

Experience

Senior Platform Engineer — Acme Ltd
Jun 2021 – Present
- Cut build times by 40% across 12 services
- Led the migration of 30 repositories to TypeScript

Platform Engineer — Acme Ltd
Jun 2020 – May 2021
- Mentored four engineers through their first on-call rotation

Software Engineer — Globex
2017 – 2020
- Built the billing API used by 2 million customers
- Wrote the incident runbooks the team still uses
- Moved 14 services to Kubernetes

Education

BSc Computer Science, University of Leeds, 2013 – 2017

Skills

Languages: TypeScript, Python, SQL
Tools: Kubernetes, Terraform, GitHub Actions
`;

/** What the fake model answers for CV_PARSER: every word is in the CV, but the structure is wrong in three ways. */
const MISREAD = {
  basics: { name: 'Jane Doe', label: 'Platform Engineer', email: 'jane.doe@example.com' }, // the phone left out
  work: [
    {
      name: 'Acme Ltd', position: 'Senior Platform Engineer', startDate: '2021', // only the year
      highlights: [
        'Cut build times by 40% across 12 services',
        'Led the migration of 30 repositories to TypeScript',
        'Mentored four engineers through their first on-call rotation', // the earlier role, read into this one
        'Built the billing API used by 2 million customers', // Globex's bullet, under Acme
      ],
    },
    { name: 'Globex', position: 'Software Engineer', startDate: '2017', endDate: '2020', highlights: ['Wrote the incident runbooks the team still uses'] },
    { name: 'Globex', position: 'Software Engineer', highlights: ['Moved 14 services to Kubernetes'] }, // cut off by a page break
  ],
  education: [{ institution: 'University of Leeds', studyType: 'BSc', area: 'Computer Science', startDate: '2013', endDate: '2017' }],
  skills: [{ name: 'Languages', keywords: ['TypeScript', 'Python', 'SQL'] }, { name: 'Tools', keywords: ['Kubernetes', 'Terraform', 'GitHub Actions'] }],
};

let profile: string;
let s: Session;
let fake: FakeLlm;

beforeAll(async () => {
  const brain = brainResponder();
  fake = await startFakeLlm({ responder: (req) => (agentOf(req) === 'CV_PARSER' ? { type: 'text', text: JSON.stringify(MISREAD) } : brain(req)) });
  profile = newProfileDir();
  s = await launch(profile);
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await s?.close().catch(() => {});
  await fake?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function openOptions(): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(extUrl(s, 'options.html'));
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
  return page;
}

const role = (page: Page, id: string): Locator => page.locator(`[data-testid="cv-role"][data-role-id="${id}"]`);
const bulletIds = (page: Page, id: string) => role(page, id).locator('[data-testid="cv-bullet"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-bullet-id')));
const roleIds = (page: Page) => page.locator('[data-testid="cv-role"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-role-id')));

/**
 * The review form as a person sees it, for looking at: the viewport grown to the whole page first, because a full-page
 * capture leaves the sticky save bar where the first screen ended, on top of the form.
 */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
  await page.getByTestId('cv-review').screenshot({ path: join(SHOTS, `${name}.png`) });
  await page.setViewportSize(size);
}

describe('CV import through the configured provider', { timeout: 120_000 }, () => {
  it('reads through the provider, marks the disagreements, and fixes a misread structure one action at a time', async () => {
    const page = await openOptions();
    await page.getByTestId('provider-add').click();
    await page.getByTestId('provider-kind').selectOption('openai');
    await page.getByTestId('provider-model').fill('gpt-4o-mini');
    await page.getByTestId('provider-base-url').fill(`${fake.url}/v1`);
    await page.getByTestId('provider-key').fill(KEY);
    await page.getByTestId('provider-save').click();
    await expect.poll(async () => (await page.getByTestId('provider-list').textContent()) ?? '').toContain('gpt-4o-mini');

    await page.getByTestId('cv-file').setInputFiles({ name: 'jane-doe.txt', mimeType: 'text/plain', buffer: Buffer.from(CV_TEXT) });
    await page.getByTestId('cv-review').waitFor({ timeout: 30_000 });
    expect(fake.requests.map(agentOf)).toEqual(['CV_PARSER']);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    const notice = page.getByTestId('cv-reading');
    expect(await notice.getAttribute('data-source')).toBe('llm');
    expect(await notice.textContent()).toContain('openai:gpt-4o-mini');

    // the two fields the readings differ on are marked, with the offline reading beside them
    const marks = page.getByTestId('reading-mark');
    await expect.poll(() => marks.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-path')}: ${e.textContent}`))).toEqual([
      'basics.phone: ≠Offline reading: +44 20 7946 0000Use it',
      'work.0.startDate: ≠Offline reading: Jun 2021Use it',
    ]);
    expect(await roleIds(page)).toEqual(['w1', 'w2', 'w3']);
    // and so are the roles only one of them found: the one the model merged away, the one a page break made
    expect(await page.getByTestId('cv-reading-roles').textContent()).toContain('“Platform Engineer · Acme Ltd (2020-06 – 2021-05)”');
    expect(await role(page, 'w3').getByTestId('role-reading-note').count()).toBe(1);
    expect(await page.getByTestId('role-reading-note').count()).toBe(1);
    await shoot(page, 'review-imported');

    // one click takes the offline reading; its mark goes
    await page.locator('[data-testid="reading-mark"][data-path="work.0.startDate"] [data-testid="reading-take"]').click();
    await expect.poll(() => role(page, 'w1').getByLabel('Start', { exact: true }).inputValue()).toBe('2021-06');
    await page.locator('[data-testid="reading-mark"][data-path="basics.phone"] [data-testid="reading-take"]').click();
    await expect.poll(() => marks.count()).toBe(0);

    // one select moves Globex's bullet out of Acme
    await role(page, 'w1').locator('[data-bullet-id="w1h4"] [data-testid="bullet-move"]').selectOption({ label: 'Software Engineer · Globex (2017 – 2020)' });
    await expect.poll(() => bulletIds(page, 'w2')).toEqual(['w2h1', 'w1h4']);
    expect(await bulletIds(page, 'w1')).toEqual(['w1h1', 'w1h2', 'w1h3']);

    // one click splits the promotion out: a new Acme role below, its title to fill
    await role(page, 'w1').locator('[data-bullet-id="w1h3"] [data-testid="bullet-split"]').click();
    await expect.poll(() => roleIds(page)).toEqual(['w1', 'w4', 'w2', 'w3']);
    expect(await bulletIds(page, 'w4')).toEqual(['w1h3']);
    expect(await role(page, 'w4').getByLabel('Company', { exact: true }).inputValue()).toBe('Acme Ltd');
    expect(await role(page, 'w4').getByTestId('role-title').inputValue()).toBe('');

    // one click merges the Globex role the page break cut in two
    await role(page, 'w3').getByTestId('role-merge-previous').click();
    await expect.poll(() => roleIds(page)).toEqual(['w1', 'w4', 'w2']);
    expect(await bulletIds(page, 'w2')).toEqual(['w2h1', 'w1h4', 'w3h1']);
    expect(await page.getByTestId('role-reading-note').count()).toBe(0);

    // what the split leaves to the person: the earlier role's title and dates
    await role(page, 'w4').getByTestId('role-title').fill('Platform Engineer');
    await role(page, 'w4').getByLabel('Start', { exact: true }).fill('2020-06');
    await role(page, 'w4').getByLabel('End', { exact: true }).fill('2021-05');
    expect(await page.getByTestId('cv-reading-roles').count()).toBe(0);
    await shoot(page, 'review-fixed');

    await page.getByTestId('cv-save').click();
    await expect.poll(async () => (await page.getByTestId('cv-list').textContent()) ?? '', { timeout: 10_000 }).toMatch(/\S/);
    const versions = ((await dumpExtensionStorage(page)).idb.cvpath?.cvVersions ?? []) as { cv: unknown }[];
    expect(versions).toHaveLength(1);
    const saved = Cv.parse(versions[0]!.cv);
    expect(saved.basics.phone).toBe('+44 20 7946 0000');
    expect(saved.work.map((w) => ({ id: w.id, name: w.name, position: w.position, startDate: w.startDate, endDate: w.endDate, bullets: w.highlights.map((h) => h.id) }))).toEqual([
      { id: 'w1', name: 'Acme Ltd', position: 'Senior Platform Engineer', startDate: '2021-06', endDate: undefined, bullets: ['w1h1', 'w1h2'] },
      { id: 'w4', name: 'Acme Ltd', position: 'Platform Engineer', startDate: '2020-06', endDate: '2021-05', bullets: ['w1h3'] },
      { id: 'w2', name: 'Globex', position: 'Software Engineer', startDate: '2017', endDate: '2020', bullets: ['w2h1', 'w1h4', 'w3h1'] },
    ]);
    expect(saved.work[2]!.highlights.map((h) => h.text)).toEqual(['Wrote the incident runbooks the team still uses', 'Built the billing API used by 2 million customers', 'Moved 14 services to Kubernetes']);
    await page.close();
  });

  it('shows the offline reading with the coded reason when the model answers nonsense', async () => {
    fake.setResponder(() => ({ type: 'text', text: 'Here is the CV you asked for, in prose.' }));
    const page = await openOptions();
    await page.getByTestId('cv-file').setInputFiles({ name: 'jane-doe.txt', mimeType: 'text/plain', buffer: Buffer.from(CV_TEXT) });
    await page.getByTestId('cv-review').waitFor({ timeout: 30_000 });
    const notice = page.getByTestId('cv-reading');
    expect(await notice.getAttribute('data-source')).toBe('offline');
    expect(await notice.getAttribute('data-code')).toBe('PROVIDER_BAD_OUTPUT');
    expect(await notice.textContent()).toMatch(/offline reading is shown instead/);
    expect(await page.getByTestId('reading-mark').count()).toBe(0);
    expect(await roleIds(page)).toEqual(['w1', 'w2', 'w3']);
    await shoot(page, 'review-fallback');
    await page.close();
  });
});
