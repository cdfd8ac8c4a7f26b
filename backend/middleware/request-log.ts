import { createMiddleware } from 'hono/factory';
import type { Logger } from '../logger';

/**
 * One line per request: method, path, status, duration and request id. Never bodies, query strings or headers: they
 * carry CVs, tokens and e-mail addresses. The logger redacts what the path itself may hold.
 */
export function requestLog(logger: Logger) {
  return createMiddleware(async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    const fields = {
      requestId: c.get('requestId'),
      method: c.req.method,
      path: c.req.path,
      status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
    };
    if (status >= 500) logger.error('request', fields);
    else logger.info('request', fields);
  });
}
