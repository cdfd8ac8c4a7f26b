import { createMiddleware } from 'hono/factory';
import { jsonProblem, RECORD_LIMITS, stringProblem } from '../../shared/sync/safe-json';
import { ApiError } from '../errors';

/** Routes that check their own body value by value (a push answers each mutation on its own instead of refusing all). */
const CHECKS_ITS_OWN_BODY = new Set(['/v1/sync/push']);

const refuse = (where: string, problem: string) =>
  new ApiError('VALIDATION_FAILED', `The request ${where} ${problem}, which cannot be stored. Fix it and send it again.`);

/**
 * What no route can store, refused at the edge of every route: a NUL or a lone surrogate in the path, the query or a
 * JSON body, or a body nested past 64 deep. Postgres refuses a NUL with an error (a 500 for the user, the value in the
 * log), and turns a lone surrogate into U+FFFD, so a name or an id would change on the way in. Bodies are checked
 * without recursion (see safe-json) and on a copy: better-auth reads the request itself.
 */
export function safeInput() {
  return createMiddleware(async (c, next) => {
    let path: string;
    try {
      path = decodeURIComponent(c.req.path);
    } catch {
      throw refuse('path', 'is not valid UTF-8');
    }
    const inPath = stringProblem(path);
    if (inPath) throw refuse('path', inPath);
    for (const [key, values] of Object.entries(c.req.queries())) {
      for (const v of [key, ...values]) {
        const p = stringProblem(v);
        if (p) throw refuse('query', p);
      }
    }
    const type = c.req.header('Content-Type') ?? '';
    if (type.includes('json') && !CHECKS_ITS_OWN_BODY.has(c.req.path) && c.req.raw.body) {
      // malformed JSON is the route's to refuse, with its own message
      const body = (await c.req.raw.clone().json().catch(() => undefined)) as unknown;
      // (its size is the body limit's to refuse)
      const p = body === undefined ? undefined : jsonProblem(body, { maxDepth: RECORD_LIMITS.maxDepth, maxSize: Infinity });
      if (p) throw refuse('body', p.message);
    }
    await next();
  });
}
