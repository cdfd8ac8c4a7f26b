import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { recordAdapterFailures } from './adapter-failures';
import { freshDb } from './test-db';

const f = (selector: string, version = '2026-10') => ({ site: 'linkedin', selector, version, message: `${selector} matched nothing` });

describe('recordAdapterFailures', () => {
  it('folds failures by site, selector and version, keeping only the page address', async () => {
    const d = freshDb();
    await recordAdapterFailures('https://www.linkedin.com/jobs/view/1?trk=abc&q=secret#top', [f('.title'), f('.company')], d);
    await recordAdapterFailures('https://www.linkedin.com/jobs/view/2', [f('.title')], d);
    await recordAdapterFailures('https://www.linkedin.com/jobs/view/3', [f('.title', '2026-11')], d);
    const rows = await d.adapterFailures.orderBy('id').toArray();
    expect(rows.map((r) => [r.selector, r.version, r.count])).toEqual([
      ['.company', '2026-10', 1],
      ['.title', '2026-10', 2],
      ['.title', '2026-11', 1],
    ]);
    expect(rows.find((r) => r.selector === '.company')!.url).toBe('https://www.linkedin.com/jobs/view/1');
    expect(rows.find((r) => r.version === '2026-10' && r.selector === '.title')!.url).toBe('https://www.linkedin.com/jobs/view/2');
    expect(Object.keys(rows[0]!).sort()).toEqual(['count', 'firstAt', 'id', 'lastAt', 'message', 'selector', 'site', 'url', 'version']);
  });
});
