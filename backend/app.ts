import { Hono } from 'hono';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { join } from 'node:path';
import { createAuth, type Auth } from './auth/auth';
import { DevMailTransport, SmtpMailTransport, type MailTransport } from './auth/mail';
import type { MergeProbe } from './auth/merge-guest';
import type { Config } from './config';
import type { DbHandle } from './db/client';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import type { CurrentUser } from './middleware/auth';
import { bodyLimit } from './middleware/body-limit';
import { cors } from './middleware/cors';
import { errorHandler, notFound } from './middleware/errors';
import { rateLimit } from './middleware/rate-limit';
import { requestLog } from './middleware/request-log';
import { safeInput } from './middleware/safe-input';
import { accountDocs, accountRoutes } from './routes/account';
import { authDocs, authRoutes } from './routes/auth';
import { docsRoutes } from './routes/docs';
import { healthDocs, healthRoutes } from './routes/health';
import { syncDocs, syncRoutes } from './routes/sync';

export interface AppDeps {
  db: DbHandle;
  config: Config;
  logger?: Logger;
  /** This process's counters (`/health/metrics`); tests read their own. */
  metrics?: Metrics;
  /** Tests point this at a folder of their own; the server uses the repository's migrations/. */
  migrationsFolder?: string;
  /** Where mail goes; by default SMTP when SMTP_URL is set, else recorded in `dataDir/mail`. */
  mail?: MailTransport;
  /** Tests inject faults into a guest's merge. */
  mergeProbe?: MergeProbe;
  /** The clock credential limits and locks are kept by (ms since the epoch); tests move it. */
  now?: () => number;
}

function defaultMail(config: Config, logger: Logger): MailTransport {
  if (config.smtpUrl) return new SmtpMailTransport(config.smtpUrl, config.mailFrom);
  return new DevMailTransport({ folder: join(config.dataDir, 'mail'), logger });
}

/**
 * The whole API as one Hono app, without a server: `server.ts` serves it, tests call `app.request()`. Routes are
 * chained so that `AppType` carries every path and response to the extension's `hc<AppType>` client.
 */
export function createApp({ db, config, logger = createLogger(), metrics = createMetrics(), migrationsFolder, mail, mergeProbe, now = Date.now }: AppDeps) {
  const auth: Auth = createAuth({ db, config, logger, now, mail: mail ?? defaultMail(config, logger), ...(mergeProbe ? { mergeProbe } : {}) });
  const app = new Hono();
  app.onError(errorHandler(logger));
  app.notFound(notFound);

  // Order matters: every response gets an id, a log line and the security headers, even when a later step refuses it.
  app.use(requestId());
  app.use(requestLog(logger, metrics));
  // The API answers JSON; the docs and reset pages need only their inline style, and the reset page posts its form here.
  const headers = (formAction: string) =>
    secureHeaders({
      contentSecurityPolicy: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: [formAction] },
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    });
  const apiHeaders = headers("'none'");
  const formHeaders = headers("'self'");
  app.use((c, next) => (c.req.path === '/reset-password' ? formHeaders(c, next) : apiHeaders(c, next)));
  app.use(cors(config));
  const limiter = rateLimit({ ...config.rateLimit, trustProxy: config.trustProxy });
  // Probes are not throttled: a load balancer polls /health far more often than a person.
  app.use(async (c, next) => (c.req.path === '/health' || c.req.path.startsWith('/health/') ? next() : limiter(c, next)));
  app.use(bodyLimit(config.bodyLimit));
  app.use(safeInput());
  // per user, after the routes find the user: one account syncing from many addresses is still one account
  const perUser = rateLimit({ capacity: config.quota.requestBurst, refillPerSecond: config.quota.requestsPerSecond, key: (c) => (c.get('user') as CurrentUser).id });

  return app
    .route('/health', healthRoutes({ db, config, metrics, ...(migrationsFolder ? { migrationsFolder } : {}) }))
    .route('/', authRoutes(auth, { db: db.db, limits: config.authLimits, trustProxy: config.trustProxy, now }))
    .route('/v1/sync', syncRoutes({ db, auth, config, perUser }))
    .route('/v1/account', accountRoutes({ db, auth, perUser, limits: config.authLimits, now }))
    .route('/', docsRoutes(config, [healthDocs, authDocs, syncDocs, accountDocs]));
}

export type AppType = ReturnType<typeof createApp>;
