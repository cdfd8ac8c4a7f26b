import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { routePath } from 'hono/route';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';

/**
 * One line per request: method, path, status, duration and request id. Never bodies, query strings or headers: they
 * carry CVs, tokens and e-mail addresses; the path is the route's template, or the path with every segment that is
 * not a plain word replaced (a record id, an address, a token).
 *
 * A refused request (429) is counted, not logged: a client hammering the server wrote ~40 MB of identical lines.
 *
 * The same duration goes back to the client as `Server-Timing: app;dur=<ms>` (exposed by CORS), so the extension and
 * the benchmarks can tell the time spent in the server from the time on the network.
 */
/** Paths that carry a one-time token (the password-reset link's): the token is a password for a while, never logged. */
const TOKEN_IN_PATH = /^(\/api\/auth\/reset-password\/)[^/]+/;
/** A segment kept as it is: an API version or a few short lowercase words (`sign-in`); anything else may be data. */
const WORD = /^(v\d{1,2}|[a-z]{1,15}(-[a-z]{1,15}){0,3}|\[redacted\])$/;
function logPath(c: Context): string {
  const template = routePath(c, -1);
  if (template && !template.includes('*')) return template;
  // a wildcard route (better-auth's) or none (not found): the path, its variable segments replaced
  return c.req.path
    .replace(TOKEN_IN_PATH, '$1[redacted]')
    .split('/')
    .map((s, i) => (i === 0 || WORD.test(s) ? s : ':param'))
    .join('/');
}

export function requestLog(logger: Logger, metrics?: Metrics) {
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    const requestId = c.get('requestId');
    // On the finished response's own headers (`c.header()` would copy it into a new, streamed one). The request id
    // too: a response a route made itself (better-auth's) does not carry the headers set before it ran.
    const headers: [string, string][] = [['Server-Timing', `app;dur=${durationMs}`]];
    if (requestId && !c.res.headers.has('X-Request-Id')) headers.push(['X-Request-Id', requestId]);
    for (const [name, value] of headers) {
      try {
        c.res.headers.set(name, value);
      } catch {
        c.header(name, value); // a response with immutable headers
      }
    }
    const status = c.res.status;
    if (status === 429) {
      if (metrics) metrics.rateLimited++;
      return;
    }
    const fields = { requestId, method: c.req.method, path: logPath(c), status, durationMs };
    if (status >= 500) logger.error('request', fields);
    else logger.info('request', fields);
  });
}
