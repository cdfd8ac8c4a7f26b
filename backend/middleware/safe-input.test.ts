import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApi, type Api, type Session } from '../test/api';
import { DATABASES, type TestDatabase } from '../test/databases';

describe.each(DATABASES)('values no route can store, on $kind', ({ create }) => {
  let t: TestDatabase;
  let api: Api;
  let me: Session;
  beforeAll(async () => {
    t = await create();
    api = testApi(t.handle);
    me = await api.guest();
  });
  afterAll(async () => t?.drop());

  it('are refused with 400 VALIDATION_FAILED in a path, a query or a body, never a 500 or a silently changed value', async () => {
    let deep = '"x"';
    for (let i = 0; i < 10_000; i++) deep = `{"a":${deep}}`;
    const cases: Array<[string, Response]> = [
      ['NUL in a path parameter', await api.call('/v1/account/devices/%00', { token: me.token, method: 'DELETE' })],
      ['lone surrogate in a path parameter', await api.call('/v1/account/devices/%ED%A0%80', { token: me.token, method: 'DELETE' })],
      ['NUL in a query', await api.call('/v1/sync/pull?cursor=1&x=%00', { token: me.token })],
      ['NUL in a name', await api.call('/api/auth/sign-up/email', { body: { email: 'nul@example.com', password: 'correct horse battery', name: 'a\u0000b' } })],
      ['lone surrogate in a name', await api.call('/api/auth/sign-up/email', { body: { email: 'half@example.com', password: 'correct horse battery', name: 'Ada \ud800' } })],
      ['a body nested 10,000 deep', await api.app.request('/api/auth/sign-in/email', { method: 'POST', body: deep, headers: { Origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'Content-Type': 'application/json' } })],
    ];
    for (const [what, res] of cases) {
      expect(res.status, what).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code, what).toBe('VALIDATION_FAILED');
    }
    // nothing was made of them
    expect((await api.call('/api/auth/sign-in/email', { body: { email: 'half@example.com', password: 'correct horse battery' } })).status).toBe(401);
    // and what is fine passes: emoji, right-to-left text
    expect((await api.call('/api/auth/sign-up/email', { body: { email: 'fine@example.com', password: 'correct horse battery', name: 'Ada 😀 مرحبا' } })).status).toBe(200);
  });
});
