import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors';

export interface RateLimitOptions {
  /** Requests a client may make at once. */
  capacity: number;
  /** Requests a client regains per second. */
  refillPerSecond: number;
  /** Proxies in front of the server: the client's IP is read this many entries from the right of X-Forwarded-For. */
  trustProxy?: number;
  /** Whom a bucket belongs to; by default the client's IP. */
  key?: (c: Context) => string;
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept before full ones are swept; a full bucket is the same as no bucket. */
const SWEEP_AT = 10_000;

/**
 * A token bucket per client IP. It lives in this process's memory: each instance limits on its own, so behind a load
 * balancer with N instances a client gets up to N times the rate. That is enough to stop a runaway client; per-user
 * quotas that must hold across instances (hosted runs, billing) are kept in Postgres.
 */
export function rateLimit(options: RateLimitOptions) {
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, Bucket>();

  const take = (key: string): number => {
    const t = now();
    const b = buckets.get(key) ?? { tokens: options.capacity, at: t };
    b.tokens = Math.min(options.capacity, b.tokens + ((t - b.at) / 1000) * options.refillPerSecond);
    b.at = t;
    if (buckets.size >= SWEEP_AT && !buckets.has(key)) sweep(t);
    buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / options.refillPerSecond);
  };

  const sweep = (t: number) => {
    for (const [k, b] of buckets) if (b.tokens + ((t - b.at) / 1000) * options.refillPerSecond >= options.capacity) buckets.delete(k);
  };

  return createMiddleware(async (c, next) => {
    const wait = take(options.key ? options.key(c) : clientIp(c, options.trustProxy ?? 0));
    if (wait > 0) {
      throw new ApiError('RATE_LIMITED', `Too many requests. Wait ${wait} s and try again.`, { headers: { 'Retry-After': String(wait) } });
    }
    await next();
  });
}

/**
 * The client's IP. Behind `hops` proxies of ours, it is the entry that many from the right of X-Forwarded-For: each
 * proxy appends the address it was reached from, so the rightmost entries are written by us and everything left of
 * them is whatever the client sent (rotating those must not buy a fresh limit). Several X-Forwarded-For headers are
 * read as one list, as a proxy would join them.
 */
export function clientIp(c: Context, hops: number): string {
  if (hops > 0) {
    const entries = (c.req.header('X-Forwarded-For') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    // fewer entries than proxies: the nearest one's is still ours, the furthest we can trust
    const forwarded = entries.length >= hops ? entries[entries.length - hops] : entries[0];
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket
    return 'unknown';
  }
}
