import { createMiddleware } from 'hono/factory';
import { cors as honoCors } from 'hono/cors';
import type { Config } from '../config';
import { EXTENSION_ID } from '../config';
import { ApiError } from '../errors';

/**
 * Whether a browser origin may call the API: the extension's pages (pinned ids, or any id when none are), the dashboard,
 * and the server's own pages (the password-reset form posts back to it).
 */
export function originAllowed(origin: string, config: Pick<Config, 'cors'> & Partial<Pick<Config, 'publicUrl'>>): boolean {
  if (origin === config.cors.dashboardOrigin) return true;
  if (config.publicUrl && origin === new URL(config.publicUrl).origin) return true;
  const m = /^chrome-extension:\/\/([^/]+)$/.exec(origin);
  if (!m || !EXTENSION_ID.test(m[1]!)) return false;
  return config.cors.extensionIds.length === 0 || config.cors.extensionIds.includes(m[1]!);
}

/**
 * CORS for the allowed origins only. A browser request from any other origin is refused outright when it could change
 * something (anything but GET and HEAD) or asks for a preflight, so another site cannot act with a user's session.
 * Requests without an Origin (the command line, curl, server to server) are not browser requests and pass.
 */
export function cors(config: Pick<Config, 'cors' | 'publicUrl'>) {
  const exposeHeaders = ['X-Request-Id', 'Retry-After', 'set-auth-token', 'Server-Timing'];
  const preflight = honoCors({
    origin: (origin) => (originAllowed(origin, config) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-Device-Id', 'X-Request-Id'],
    exposeHeaders,
    maxAge: 600,
  });
  const expose = exposeHeaders.join(',');
  return createMiddleware(async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin && !originAllowed(origin, config) && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      throw new ApiError('FORBIDDEN', `Requests from ${origin} are not allowed. Use the CVPath extension or dashboard.`);
    }
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    // The same headers Hono's cors sets, but on the finished response: set before the handler, they make Hono copy
    // every response into a new, streamed one (a full pass over a 1 MB pull page).
    await next();
    if (origin && originAllowed(origin, config)) c.res.headers.set('Access-Control-Allow-Origin', origin);
    c.res.headers.set('Access-Control-Expose-Headers', expose);
    c.res.headers.append('Vary', 'Origin');
  });
}
