import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Config {
  port: number;
  /** A Postgres server; unset, the database is embedded (PGlite) in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Origins allowed by CORS: the extension's pages and the web dashboard. */
  cors: { extensionIds: string[]; dashboardOrigin: string };
  /** Largest request body, in bytes. */
  bodyLimit: number;
  /** Per client IP, per instance. */
  rateLimit: { capacity: number; refillPerSecond: number };
  /**
   * How many proxies of ours stand in front of the server: the client's IP is taken that many entries from the right
   * of `X-Forwarded-For` (each proxy appends the address it was reached from, so entries further left are whatever
   * the client sent). 0: the socket's address, the header ignored.
   */
  trustProxy: number;
  /** Credential limits, kept in the database so that they hold across instances (see backend/auth/attempts.ts). */
  authLimits: AuthLimits;
  /** What one user may store and ask through sync. */
  quota: Quota;
  version: string;
  /** Where the server is reached from outside: links in mail (password reset) point here. */
  publicUrl: string;
  /** Signs sessions. Unset, the server makes one and keeps it in `dataDir` so sessions outlive a restart. */
  authSecret: string | undefined;
  /** An SMTP server for mail (`smtp://user:pass@host:587`); unset, mail is recorded in `dataDir/mail` for development. */
  smtpUrl: string | undefined;
  mailFrom: string;
}

export interface AuthLimits {
  /** The window the per-address counts below are kept over. */
  windowSeconds: number;
  signInPerAddress: number;
  signUpPerAddress: number;
  /** Password-reset requests from one address. */
  resetPerAddress: number;
  /** Reset mails sent to one account per window; past it the request answers the same but sends nothing. */
  resetMailsPerAccount: number;
  guestsPerAddress: number;
  /** Wrong passwords for one account, from any address, before it is locked: 2 s, then doubling, up to `lockMaxSeconds`. */
  lockAfterFailures: number;
  lockMaxSeconds: number;
}

export interface Quota {
  /** Live synced records per user (tombstones are not counted: deleting frees room). */
  records: number;
  /** Approximate bytes of synced rows per user, tombstones included (they are small, but not free). */
  bytes: number;
  /** Requests per user to the sync and account routes, per instance: a burst, then a rate per second. */
  requestBurst: number;
  requestsPerSecond: number;
}

export const VERSION: string = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Chrome extension ids are 32 letters a–p. */
export const EXTENSION_ID = /^[a-p]{32}$/;

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return n;
}

/**
 * Reads the environment. Nothing is required: with no variables set the server runs on port 8787 with its database in
 * ./data. EXTENSION_IDS pins CORS to given extension ids (comma separated); unset, any extension id is allowed, since an
 * unpacked extension's id depends on the folder it is loaded from.
 */
export function loadConfig(env: Env = process.env): Config {
  const port = int(env, 'PORT', 8787);
  const extensionIds = (env.EXTENSION_IDS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of extensionIds) if (!EXTENSION_ID.test(id)) throw new Error(`EXTENSION_IDS: "${id}" is not a Chrome extension id (32 letters a–p)`);
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR || './data',
    cors: { extensionIds, dashboardOrigin: env.DASHBOARD_ORIGIN || `http://localhost:${port}` },
    bodyLimit: int(env, 'BODY_LIMIT_BYTES', 2 * 1024 * 1024),
    rateLimit: { capacity: int(env, 'RATE_LIMIT_BURST', 120), refillPerSecond: int(env, 'RATE_LIMIT_PER_SECOND', 20) },
    // `true` meant "one proxy" before the number of hops could be set
    trustProxy: env.TRUST_PROXY === 'true' ? 1 : env.TRUST_PROXY === 'false' ? 0 : int(env, 'TRUST_PROXY', 0),
    authLimits: {
      windowSeconds: int(env, 'AUTH_WINDOW_SECONDS', 600),
      signInPerAddress: int(env, 'SIGN_IN_PER_ADDRESS', 60),
      signUpPerAddress: int(env, 'SIGN_UP_PER_ADDRESS', 20),
      resetPerAddress: int(env, 'RESET_PER_ADDRESS', 10),
      resetMailsPerAccount: int(env, 'RESET_MAILS_PER_ACCOUNT', 3),
      guestsPerAddress: int(env, 'GUESTS_PER_ADDRESS', 20),
      lockAfterFailures: int(env, 'LOCK_AFTER_FAILURES', 5),
      lockMaxSeconds: int(env, 'LOCK_MAX_SECONDS', 900),
    },
    quota: {
      records: int(env, 'QUOTA_RECORDS', 20_000),
      bytes: int(env, 'QUOTA_BYTES', 100 * 1024 * 1024),
      requestBurst: int(env, 'USER_RATE_LIMIT_BURST', 120),
      requestsPerSecond: int(env, 'USER_RATE_LIMIT_PER_SECOND', 10),
    },
    version: VERSION,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    authSecret: env.AUTH_SECRET || env.BETTER_AUTH_SECRET || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'CVPath <no-reply@cvpath.local>',
  };
}
