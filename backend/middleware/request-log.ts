import { createMiddleware } from 'hono/factory';
import type { Logger } from '../logger';

/**
 * One line per request: method, path, status, duration and request id. Never bodies, query strings or headers: they
 * carry CVs, tokens and e-mail addresses. The logger redacts what the path itself may hold.
 *
 * The same duration goes back to the client as `Server-Timing: app;dur=<ms>` (exposed by CORS), so the extension and
 * the benchmarks can tell the time spent in the server from the time on the network.
 */
/** Paths that carry a one-time token (the password-reset link's): the token is a password for a while, never logged. */
const TOKEN_IN_PATH = /^(\/api\/auth\/reset-password\/)[^/]+/;
const withoutTokens = (path: string) => path.replace(TOKEN_IN_PATH, '$1[redacted]');

export function requestLog(logger: Logger) {
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
    const fields = { requestId, method: c.req.method, path: withoutTokens(c.req.path), status, durationMs };
    if (status >= 500) logger.error('request', fields);
    else logger.info('request', fields);
  });
}
