import { createMiddleware } from 'hono/factory';
import { cors as honoCors } from 'hono/cors';
import type { Config } from '../config';
import { EXTENSION_ID } from '../config';
import { ApiError } from '../errors';

/** Whether a browser origin may call the API: the extension's pages (pinned ids, or any id when none are) and the dashboard. */
export function originAllowed(origin: string, config: Pick<Config, 'cors'>): boolean {
  if (origin === config.cors.dashboardOrigin) return true;
  const m = /^chrome-extension:\/\/([^/]+)$/.exec(origin);
  if (!m || !EXTENSION_ID.test(m[1]!)) return false;
  return config.cors.extensionIds.length === 0 || config.cors.extensionIds.includes(m[1]!);
}

/**
 * CORS for the allowed origins only. A browser request from any other origin is refused outright when it could change
 * something (anything but GET and HEAD) or asks for a preflight, so another site cannot act with a user's session.
 * Requests without an Origin (the command line, curl, server to server) are not browser requests and pass.
 */
export function cors(config: Pick<Config, 'cors'>) {
  const allow = honoCors({
    origin: (origin) => (originAllowed(origin, config) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-Device-Id', 'X-Request-Id'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'set-auth-token'],
    maxAge: 600,
  });
  return createMiddleware(async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin && !originAllowed(origin, config) && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      throw new ApiError('FORBIDDEN', `Requests from ${origin} are not allowed. Use the CVPath extension or dashboard.`);
    }
    return allow(c, next);
  });
}
