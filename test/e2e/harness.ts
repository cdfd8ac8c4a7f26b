/**
 * Drives the real built extension (.output/chrome-mv3) in Debian's Chromium with Playwright. Job pages are served on
 * their real URLs through request routing, so the content script is injected exactly as on the live boards.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { ROOT } from '../helpers';

export const EXT_DIR = join(ROOT, '.output/chrome-mv3');
export const SCREENSHOTS = join(ROOT, '.output/e2e-screenshots');

/** Debian's Chromium: the real binary (the /usr/bin/chromium wrapper adds flags Playwright does not expect). */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].filter(Boolean) as string[];
  return candidates.find((p) => existsSync(p));
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'cvpath-e2e-profile-'));
}

export interface Session {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Every request any page or the extension's worker made, as seen by Chromium. */
  requests: { url: string; headers: Record<string, string>; postData: string | null }[];
  close(): Promise<void>;
}

export async function launch(profileDir: string): Promise<Session> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed: apt-get install -y chromium (or set CHROMIUM_PATH).');
  if (!existsSync(join(EXT_DIR, 'manifest.json'))) throw new Error(`No built extension in ${EXT_DIR}: run npm run build:ext first.`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: [
      `--disable-extensions-except=${EXT_DIR}`, `--load-extension=${EXT_DIR}`, '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const requests: Session['requests'] = [];
  context.on('request', (r) => requests.push({ url: r.url(), headers: r.headers(), postData: r.postData() }));
  let worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  worker ??= await context.waitForEvent('serviceworker', { timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, worker, requests, close: () => context.close() };
}

export function extUrl(s: Session, path: string): string {
  return `chrome-extension://${s.extensionId}/${path.replace(/^\//, '')}`;
}

/** Serves a saved page at its real URL (and nothing else on that host). */
/** Serves a page on its URL. `frozen` forbids the page's own scripts (a saved page's app would otherwise re-render from
 * data it can no longer fetch); the DOM, its script tags and JSON state stay as saved, and extension scripts still run. */
export async function servePage(s: Session, url: string, html: string, opts: { frozen?: boolean } = {}): Promise<void> {
  const headers: Record<string, string> = opts.frozen ? { 'content-security-policy': "script-src 'none'" } : {};
  await s.context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html }));
}

/** Every other request to the open internet fails fast, as it would on this machine; tests see what was attempted. */
export async function blockTheInternet(s: Session): Promise<void> {
  await s.context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort('internetdisconnected'));
}

/** Reads every IndexedDB store of the extension's origin, and chrome.storage, from inside an extension page. */
export async function dumpExtensionStorage(page: Page): Promise<{ idb: Record<string, Record<string, unknown[]>>; storage: unknown }> {
  return page.evaluate(async () => {
    const toPlain = (v: unknown): unknown => {
      if (v instanceof Uint8Array || v instanceof ArrayBuffer) return { bytes: Array.from(new Uint8Array(v as ArrayBuffer)) };
      if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) return { cryptoKey: { extractable: v.extractable, algorithm: v.algorithm, usages: v.usages } };
      if (Array.isArray(v)) return v.map(toPlain);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
      return v;
    };
    const idb: Record<string, Record<string, unknown[]>> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open(info.name!);
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error ?? new Error('IndexedDB request failed'));
      });
      idb[info.name] = {};
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((res, rej) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error ?? new Error('IndexedDB request failed'));
        });
        idb[info.name]![store] = rows.map(toPlain);
      }
      db.close();
    }
    const c = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<unknown> }; sync?: { get(k: null): Promise<unknown> }; session?: { get(k: null): Promise<unknown> } } } }).chrome;
    const storage = { local: await c.storage.local.get(null), sync: await c.storage.sync?.get(null).catch(() => null), session: await c.storage.session?.get(null).catch(() => null) };
    return { idb, storage };
  });
}

/** Stops the extension's service worker the way Chrome does when it idles or crashes: abruptly, mid-work. */
export async function stopServiceWorker(s: Session, page: Page): Promise<void> {
  const cdp = await s.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function readFixture(rel: string): string {
  return readFileSync(join(ROOT, rel), 'utf8');
}
