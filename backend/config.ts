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
  /** Trust `X-Forwarded-For` for the client's IP (only behind a proxy that sets it). */
  trustProxy: boolean;
  version: string;
  /** Where the server is reached from outside: links in mail (password reset) point here. */
  publicUrl: string;
  /** Signs sessions. Unset, the server makes one and keeps it in `dataDir` so sessions outlive a restart. */
  authSecret: string | undefined;
  /** An SMTP server for mail (`smtp://user:pass@host:587`); unset, mail is recorded in `dataDir/mail` for development. */
  smtpUrl: string | undefined;
  mailFrom: string;
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
    trustProxy: env.TRUST_PROXY === '1' || env.TRUST_PROXY === 'true',
    version: VERSION,
    publicUrl: (env.PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    authSecret: env.AUTH_SECRET || env.BETTER_AUTH_SECRET || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'CVPath <no-reply@cvpath.local>',
  };
}
