import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './route';

describe('dashboard routes', () => {
  it('reads the three pages from the hash', () => {
    expect(parseRoute('')).toEqual({ page: 'list', query: '' });
    expect(parseRoute('#/')).toEqual({ page: 'list', query: '' });
    expect(parseRoute('#/?q=acme&status=applied')).toEqual({ page: 'list', query: 'q=acme&status=applied' });
    expect(parseRoute('#/application/a1')).toEqual({ page: 'application', id: 'a1' });
    expect(parseRoute('#/run/r%2F1')).toEqual({ page: 'run', id: 'r/1' });
    expect(parseRoute('#/nonsense')).toEqual({ page: 'list', query: '' });
  });

  it('writes links that read back the same', () => {
    for (const r of [{ page: 'application', id: 'x y' }, { page: 'run', id: 'r1' }, { page: 'list', query: 'q=a' }] as const) {
      expect(parseRoute(routeHref(r))).toEqual(r);
    }
  });
});
