import { Hono } from 'hono';
import { PullQuery, PullResponse, PushEnvelope, PushRequest, PushResponse } from '../../shared/sync/protocol';
import type { MiddlewareHandler } from 'hono';
import type { Auth } from '../auth/auth';
import type { Config } from '../config';
import type { DbHandle } from '../db/client';
import { requireUser, type AuthEnv } from '../middleware/auth';
import { validate } from '../middleware/validate';
import type { RouteDocs } from '../openapi';
import { pull } from '../sync/pull';
import { push } from '../sync/push';

/** `POST /v1/sync/push` and `GET /v1/sync/pull`: a device's changes in, everyone else's out. Always the caller's own. */
export function syncRoutes({ db, auth, config, perUser }: { db: DbHandle; auth: Auth; config: Pick<Config, 'quota'>; perUser: MiddlewareHandler<AuthEnv> }) {
  return new Hono<AuthEnv>()
    // one query finds a sync request's session (better-auth's own lookup would be most of an idle sync's time)
    .use(requireUser(auth, db.db))
    .use(perUser)
    // the envelope here; each mutation on its own in push(), so that one bad mutation is refused alone
    .post('/push', validate('json', PushEnvelope), async (c) => {
      const { deviceId, mutations } = c.req.valid('json');
      const results = await push(db.db, c.var.user.id, deviceId, mutations, { quota: config.quota });
      return c.json({ results } satisfies PushResponse, 200);
    })
    .get('/pull', validate('query', PullQuery), async (c) => {
      const { cursor, limit } = c.req.valid('query');
      return c.json(await pull(db.db, c.var.user.id, cursor, limit), 200);
    });
}

export const syncDocs: RouteDocs = {
  '/v1/sync/push': {
    post: {
      summary: 'Apply a batch of mutations (idempotent by mutation id; last-writer-wins by updatedAt and deviceId)',
      tags: ['sync'],
      body: PushRequest,
      responses: {
        200: { description: 'What became of each mutation, in order (an invalid mutation is `rejected` alone, with a code)', schema: PushResponse },
        400: { description: 'Not a valid push (the envelope: deviceId, an array of at most 1,000 mutations)', error: true },
        401: { description: 'No session', error: true },
        413: { description: 'QUOTA_EXCEEDED: the batch would take the account past its record or byte quota; nothing of it applied', error: true },
        429: { description: 'Too many requests from this user (Retry-After)', error: true },
      },
    },
  },
  '/v1/sync/pull': {
    get: {
      summary: 'Changes after a cursor, oldest first, paginated (query: cursor, limit)',
      tags: ['sync'],
      responses: { 200: { description: 'A page of changes and the next cursor', schema: PullResponse }, 401: { description: 'No session', error: true } },
    },
  },
};
