import type { AdapterFailure } from '../../shared/sites/types';
import { db, type AdapterFailureRecord, type CvPathDb } from './db';
import { stamp } from './clock';

/** Failures kept per (site, selector, version): enough to see what broke, never a growing log. */
const MAX_RECORDS = 500;
const MAX_MESSAGE = 300;

/**
 * Folds adapter failures seen on a page into counts by (site, selector, version). Only the page's address is kept
 * (without its query, which can carry search terms or tracking ids), never its content.
 */
export async function recordAdapterFailures(url: string, failures: AdapterFailure[], d: CvPathDb = db()): Promise<void> {
  if (!failures.length) return;
  const where = addressOnly(url);
  await d.transaction('rw', d.adapterFailures, async () => {
    const now = stamp();
    for (const f of failures) {
      const id = [f.site, f.selector, f.version].join('|');
      const old = await d.adapterFailures.get(id);
      const record: AdapterFailureRecord = old
        ? { ...old, url: where, message: clip(f.message), count: old.count + 1, lastAt: now }
        : { id, site: f.site, selector: f.selector, version: f.version, url: where, message: clip(f.message), count: 1, firstAt: now, lastAt: now };
      await d.adapterFailures.put(record);
    }
    const extra = (await d.adapterFailures.count()) - MAX_RECORDS;
    if (extra > 0) await d.adapterFailures.orderBy('lastAt').limit(extra).delete();
  });
}

function addressOnly(url: string): string {
  try {
    const u = new URL(url);
    return u.origin + u.pathname;
  } catch {
    return '';
  }
}

const clip = (s: string) => (s.length > MAX_MESSAGE ? `${s.slice(0, MAX_MESSAGE - 1)}…` : s);
