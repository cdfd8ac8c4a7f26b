/**
 * Sync end to end (issue 5, acceptance 7), as two people's browsers would do it: two Chromium profiles with the real
 * built extension, the real backend on the machine's Postgres. A guest's history survives registering; a second browser
 * signed in to the account sees it; an edit on one shows on the other; an edit made offline syncs when the network
 * returns. Everything is asserted as the user sees it: the options page's status line and the dashboard.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../backend/config';
import { memoryLogger } from '../../backend/logger';
import { startServer, type RunningServer } from '../../backend/server';
import { createPostgresDatabase } from '../../backend/test/databases';
import { ROOT } from '../helpers';
import { blockTheInternet, extUrl, launch, newProfileDir, screenshot, servePage, type Session } from './harness';
import { pickFixture } from './fixtures';

const EMAIL = `e2e-${Date.now()}@example.com`;
const PASSWORD = 'correct horse battery staple';
const STEP = 'Phone screen with Sam';

let server: RunningServer;
/** The address the user types in the options page. */
let serverUrl: string;
let database: { url: string; drop(): Promise<void> };
let dataDir: string;
const profiles: string[] = [];
let one: Session;
let two: Session;

/** A port nobody uses now, so the server's public URL (its reset links, its own origin) is the real one. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function open(s: Session, path: string): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(extUrl(s, path));
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20_000 });
  return page;
}

const statusLine = (page: Page) => page.getByTestId('sync-status');

/** Waits until the options page says everything this browser changed is on the server. */
async function allSent(page: Page, timeout = 30_000): Promise<void> {
  await expect.poll(async () => `${await statusLine(page).getAttribute('data-state')}: ${await statusLine(page).textContent()}`, { timeout }).toMatch(/^ok: Synced .*Everything is sent\.$/);
}

/** The options page pointed at the test's server. */
async function optionsOn(s: Session): Promise<Page> {
  const page = await open(s, 'options.html#sync');
  await page.getByTestId('server-url').fill(serverUrl);
  await page.getByTestId('server-save').click();
  await expect.poll(() => page.getByTestId('server-help').textContent()).toBe('Saved.');
  return page;
}

/** The dashboard's row of the one application, once it shows `status`. */
async function rowShows(page: Page, status: string, timeout = 30_000): Promise<void> {
  await expect.poll(async () => (await page.getByTestId('application-row').allTextContents()).join(' | '), { timeout }).toContain(status);
}

beforeAll(async () => {
  database = await createPostgresDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'cvpath-e2e-server-'));
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: database.url, AUTH_SECRET: 'e2e-secret-that-is-long-enough-0123456789' });
  server = await startServer(config, memoryLogger(), '127.0.0.1');
  serverUrl = `http://127.0.0.1:${server.port}`;
  for (let i = 0; i < 2; i++) profiles.push(newProfileDir());
  one = await launch(profiles[0]!);
  two = await launch(profiles[1]!);
  for (const s of [one, two]) await blockTheInternet(s);
}, 90_000);

afterAll(async () => {
  await one?.close().catch(() => {});
  await two?.close().catch(() => {});
  await server?.close();
  await database?.drop();
  for (const dir of [...profiles, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('sync between two browsers', { timeout: 120_000 }, () => {
  it('a guest syncs a CV, a tailored job, a status change and an interview step', async () => {
    const options = await optionsOn(one);
    await expect.poll(() => statusLine(options).getAttribute('data-state')).toBe('off');
    await options.getByTestId('sync-guest').click();
    await expect.poll(() => options.getByTestId('account-user').textContent()).toMatch(/guest/);
    await allSent(options);

    // the work of a job seeker: the master CV, one posting tailored on its page, then its application moved on
    await options.getByTestId('cv-file').setInputFiles(join(ROOT, 'examples/cv.txt'));
    await options.getByTestId('cv-review').waitFor({ timeout: 30_000 });
    await options.getByTestId('cv-save').click();
    await options.getByTestId('cv-list').waitFor();
    const fx = pickFixture('greenhouse');
    await servePage(one, fx.url, fx.html);
    const job = await one.context.newPage();
    await job.goto(fx.url);
    await job.locator('cvpath-control >> [data-testid="tailor"]').click();
    await job.locator('cvpath-control >> [data-testid="match-after"]').waitFor({ timeout: 60_000 });
    await job.close();

    const dash = await open(one, 'dashboard.html');
    await dash.getByTestId('application-row').first().click();
    await dash.getByTestId('status-select').selectOption('interviewing');
    await dash.getByTestId('add-step').click();
    await dash.locator('#step-title').fill(STEP);
    await dash.getByRole('button', { name: 'Save step' }).click();
    await expect.poll(() => dash.getByTestId('interview-step').allTextContents()).toEqual([expect.stringContaining(STEP)]);
    await dash.close();
    await allSent(options);
    await screenshot(options, 'sync-guest');
    await options.close();
  });

  it('the guest registers in the options page and keeps all of it', async () => {
    const options = await open(one, 'options.html#sync');
    await options.getByTestId('account-mode-register').click();
    await options.getByTestId('account-email').fill(EMAIL);
    await options.getByTestId('account-password').fill(PASSWORD);
    await options.getByTestId('account-submit').click();
    await expect.poll(() => options.getByTestId('account-user').textContent(), { timeout: 20_000 }).toContain(EMAIL);
    await allSent(options);
    // the account's sessions and devices: this browser is one of each
    await options.locator('.account-lists > summary').click();
    await expect.poll(() => options.getByTestId('session-row').count()).toBe(1);
    await expect.poll(() => options.getByTestId('device-row').allTextContents()).toEqual([expect.stringContaining('This device')]);
    await screenshot(options, 'sync-registered');
    await options.close();

    const dash = await open(one, 'dashboard.html');
    await rowShows(dash, 'Interviewing');
    await dash.close();
  });

  it('a second browser signs in to the account and finds the whole history', async () => {
    const options = await optionsOn(two);
    await options.getByTestId('account-mode-sign-in').click();
    await options.getByTestId('account-email').fill(EMAIL);
    await options.getByTestId('account-password').fill('not the password');
    await options.getByTestId('account-submit').click();
    await expect.poll(() => options.getByTestId('account-error').textContent()).toContain('The email or password is wrong.');
    await options.getByTestId('account-password').fill(PASSWORD);
    await options.getByTestId('account-submit').click();
    await expect.poll(() => options.getByTestId('account-user').textContent(), { timeout: 20_000 }).toContain(EMAIL);
    await allSent(options);
    // the master CV came along
    await expect.poll(() => options.getByTestId('cv-list').textContent()).toMatch(/\S/);
    await options.close();

    const dash = await open(two, 'dashboard.html');
    await rowShows(dash, 'Interviewing');
    await dash.getByTestId('application-row').first().click();
    await expect.poll(() => dash.getByTestId('interview-step').allTextContents()).toEqual([expect.stringContaining(STEP)]);
    await expect.poll(() => dash.getByTestId('run-row').count()).toBe(1);
    await screenshot(dash, 'sync-second-browser');
    await dash.close();
  });

  it('an edit on one browser shows on the other', async () => {
    const dash2 = await open(two, 'dashboard.html');
    await dash2.getByTestId('application-row').first().click();
    await dash2.getByTestId('status-select').selectOption('offer');
    const options2 = await open(two, 'options.html#sync');
    await allSent(options2);
    await options2.close();

    // the other browser's dashboard, opened (or brought back into view), pulls what changed
    const dash1 = await open(one, 'dashboard.html');
    await rowShows(dash1, 'Offer');
    await dash1.close();
    await dash2.close();
  });

  it('an edit made offline is kept, said to be waiting, and synced when the network returns', async () => {
    const block = `${serverUrl}/**`;
    await one.context.setOffline(true);
    await one.context.route(block, (route) => route.abort('internetdisconnected'));
    const options = await open(one, 'options.html#sync');
    const dash = await open(one, 'dashboard.html');
    await dash.getByTestId('application-row').first().click();
    await dash.getByTestId('status-select').selectOption('rejected');
    await dash.getByTestId('notes').fill('Offer declined: went with the other one.');
    await dash.getByTestId('status-select').focus(); // the notes save when the field loses focus
    await expect.poll(() => options.getByTestId('sync-status').getAttribute('data-state'), { timeout: 30_000 }).toBe('error');
    await expect.poll(() => statusLine(options).textContent()).toMatch(/kept on this device/);
    await screenshot(options, 'sync-offline');

    // the other browser does not have it yet
    const dash2 = await open(two, 'dashboard.html');
    await rowShows(dash2, 'Offer');

    await one.context.unroute(block);
    await one.context.setOffline(false);
    await allSent(options, 60_000);
    await dash2.reload();
    await rowShows(dash2, 'Rejected');
    await dash2.getByTestId('application-row').first().click();
    await expect.poll(() => dash2.getByTestId('notes').inputValue()).toBe('Offer declined: went with the other one.');
    for (const p of [options, dash, dash2]) await p.close();
  });
});
