import { createHash } from 'node:crypto';
import { and, eq, lt, or, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rateBuckets } from '../db/schema';

/** What a limit answers: go ahead, or wait this many seconds. */
export type Verdict = { ok: true } | { ok: false; retryAfter: number };

const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** An account's key: a hash of its normalised email, so the table holds no addresses. */
export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}

/**
 * Counts one request against `limit` per `windowSeconds` for (kind, key), in one atomic statement: every instance
 * adds to the same row, so N instances do not give N times the limit. A fixed window: cheap, and at worst twice the
 * limit across a window's edge.
 */
export async function hit(db: Database, p: { kind: string; key: string; limit: number; windowSeconds: number; now: number }): Promise<Verdict> {
  const windowMs = p.windowSeconds * 1000;
  const expired = sql`${rateBuckets.windowStart} <= ${at(p.now - windowMs)}`;
  const [row] = await db
    .insert(rateBuckets)
    .values({ kind: p.kind, key: p.key, hits: 1, windowStart: new Date(p.now) })
    .onConflictDoUpdate({
      target: [rateBuckets.kind, rateBuckets.key],
      set: {
        hits: sql`case when ${expired} then 1 else ${rateBuckets.hits} + 1 end`,
        windowStart: sql`case when ${expired} then ${at(p.now)} else ${rateBuckets.windowStart} end`,
      },
    })
    .returning({ hits: rateBuckets.hits, windowStart: rateBuckets.windowStart });
  if (!row || row.hits <= p.limit) return { ok: true };
  return { ok: false, retryAfter: seconds(new Date(row.windowStart).getTime() + windowMs - p.now) };
}

/** Whether an account is locked after wrong passwords, and for how long. */
export async function lockOf(db: Database, p: { key: string; now: number }): Promise<Verdict> {
  const [row] = await db
    .select({ lockedUntil: rateBuckets.lockedUntil })
    .from(rateBuckets)
    .where(and(eq(rateBuckets.kind, 'sign-in:account'), eq(rateBuckets.key, p.key)));
  const until = row?.lockedUntil ? new Date(row.lockedUntil).getTime() : 0;
  return until > p.now ? { ok: false, retryAfter: seconds(until - p.now) } : { ok: true };
}

/**
 * Counts a wrong password for an account, from whatever address. From the `after`-th on, the account is locked for
 * 2 s, then twice as long with each further failure, up to `maxSeconds`. A failure a day after the last one starts
 * the count again.
 */
export async function recordFailure(db: Database, p: { key: string; now: number; after: number; maxSeconds: number }): Promise<void> {
  const stale = sql`${rateBuckets.windowStart} <= ${at(p.now - 24 * 3600_000)}`;
  const failures = sql`case when ${stale} then 1 else ${rateBuckets.failures} + 1 end`;
  // 2^(failures - after + 1) seconds, computed in SQL from the count this statement makes, so concurrent failures
  // each lengthen the lock; the exponent is capped first so the power cannot overflow
  const lockSeconds = sql`least(${p.maxSeconds}, power(2, least(30, greatest(0, (${failures}) - ${p.after} + 1))))`;
  await db
    .insert(rateBuckets)
    .values({ kind: 'sign-in:account', key: p.key, hits: 0, windowStart: new Date(p.now), failures: 1, lockedUntil: p.after <= 1 ? new Date(p.now + 2000) : null })
    .onConflictDoUpdate({
      target: [rateBuckets.kind, rateBuckets.key],
      set: {
        failures,
        windowStart: sql`${at(p.now)}`,
        lockedUntil: sql`case when (${failures}) >= ${p.after} then ${at(p.now)} + make_interval(secs => ${lockSeconds}) else null end`,
      },
    });
}

/** A right password ends the count. */
export async function clearFailures(db: Database, p: { key: string }): Promise<void> {
  await db.delete(rateBuckets).where(and(eq(rateBuckets.kind, 'sign-in:account'), eq(rateBuckets.key, p.key)));
}

/** Rows whose window and lock are long over mean nothing any more; dropped now and then so the table stays small. */
export async function sweep(db: Database, p: { now: number; olderThanSeconds: number }): Promise<void> {
  const cutoff = new Date(p.now - p.olderThanSeconds * 1000);
  await db.delete(rateBuckets).where(and(lt(rateBuckets.windowStart, cutoff), or(isNull(rateBuckets.lockedUntil), lt(rateBuckets.lockedUntil, new Date(p.now)))));
}
