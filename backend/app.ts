import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config';
import type { DbHandle } from './db/client';
import { createLogger, type Logger } from './logger';
import { bodyLimit } from './middleware/body-limit';
import { cors } from './middleware/cors';
import { errorHandler, notFound } from './middleware/errors';
import { rateLimit } from './middleware/rate-limit';
import { requestLog } from './middleware/request-log';
import { docsRoutes } from './routes/docs';
import { healthDocs, healthRoutes } from './routes/health';

export interface AppDeps {
  db: DbHandle;
  config: Config;
  logger?: Logger;
  /** Tests point this at a folder of their own; the server uses the repository's migrations/. */
  migrationsFolder?: string;
}

/**
 * The whole API as one Hono app, without a server: `server.ts` serves it, tests call `app.request()`. Routes are
 * chained so that `AppType` carries every path and response to the extension's `hc<AppType>` client.
 */
export function createApp({ db, config, logger = createLogger(), migrationsFolder }: AppDeps) {
  const app = new Hono();
  app.onError(errorHandler(logger));
  app.notFound(notFound);

  // Order matters: every response gets an id, a log line and the security headers, even when a later step refuses it.
  app.use(requestId());
  app.use(requestLog(logger));
  app.use(
    secureHeaders({
      // The API answers JSON; the docs page needs only its inline style.
      contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    }),
  );
  app.use(cors(config));
  const limiter = rateLimit({ ...config.rateLimit, trustProxy: config.trustProxy });
  // Probes are not throttled: a load balancer polls /health far more often than a person.
  app.use(async (c, next) => (c.req.path === '/health' || c.req.path.startsWith('/health/') ? next() : limiter(c, next)));
  app.use(bodyLimit(config.bodyLimit));

  return app
    .route('/health', healthRoutes({ db, config, ...(migrationsFolder ? { migrationsFolder } : {}) }))
    .route('/', docsRoutes(config, [healthDocs]));
}

export type AppType = ReturnType<typeof createApp>;
