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

const ACCOUNT = 'sign-in:account';

/**
 * Lets one password attempt for an account go ahead, or says how long the account is locked. Counted before the
 * password is checked, in one statement whose update is skipped while the account is locked, so that parallel guesses
 * cannot slip in between a check and a count: `after` attempts go ahead, the last of them locking the account for
 * 2 s; after that one attempt goes ahead per lock, each locking it twice as long as the last, up to `maxSeconds`,
 * whatever address the attempts come from. A right password ends the count (`clearFailures`); an attempt a day after the last
 * one starts it again.
 */
export async function gateAttempt(db: Database, p: { key: string; now: number; after: number; maxSeconds: number }): Promise<Verdict> {
  const stale = sql`${rateBuckets.windowStart} <= ${at(p.now - 24 * 3600_000)}`;
  const attempts = sql`case when ${stale} then 1 else ${rateBuckets.hits} + 1 end`;
  // the exponent is capped first so the power cannot overflow
  const lockSeconds = sql`least(${p.maxSeconds}::float8, power(2, least(30, (${attempts}) - ${p.after} + 1)))`;
  const allowed = await db
    .insert(rateBuckets)
    .values({ kind: ACCOUNT, key: p.key, hits: 1, windowStart: new Date(p.now), lockedUntil: p.after <= 1 ? new Date(p.now + 2000) : null })
    .onConflictDoUpdate({
      target: [rateBuckets.kind, rateBuckets.key],
      set: {
        hits: attempts,
        windowStart: sql`${at(p.now)}`,
        lockedUntil: sql`case when (${attempts}) >= ${p.after} then ${at(p.now)} + make_interval(secs => ${lockSeconds}) else null end`,
      },
      setWhere: sql`${rateBuckets.lockedUntil} is null or ${rateBuckets.lockedUntil} <= ${at(p.now)}`,
    })
    .returning({ hits: rateBuckets.hits });
  if (allowed.length > 0) return { ok: true };
  return lockOf(db, p);
}

/** Whether an account is locked after wrong passwords, and for how long. */
export async function lockOf(db: Database, p: { key: string; now: number }): Promise<Verdict> {
  const [row] = await db
    .select({ lockedUntil: rateBuckets.lockedUntil })
    .from(rateBuckets)
    .where(and(eq(rateBuckets.kind, ACCOUNT), eq(rateBuckets.key, p.key)));
  const until = row?.lockedUntil ? new Date(row.lockedUntil).getTime() : 0;
  // unlocked between the two statements (a right password elsewhere): a second's wait is still the honest answer
  return { ok: false, retryAfter: seconds(Math.max(until - p.now, 1000)) };
}

/**
 * Gives an attempt back: it failed on our side (a 5xx) and says nothing about the password. Lifts the lock too when
 * this attempt was what set it. Only for server failures: an attempt that fails on the caller's input stays counted,
 * or a malformed request could be used to reset the count.
 */
export async function undoAttempt(db: Database, p: { key: string; after: number }): Promise<void> {
  await db
    .update(rateBuckets)
    .set({ hits: sql`greatest(${rateBuckets.hits} - 1, 0)`, lockedUntil: sql`case when ${rateBuckets.hits} - 1 < ${p.after} then null else ${rateBuckets.lockedUntil} end` })
    .where(and(eq(rateBuckets.kind, ACCOUNT), eq(rateBuckets.key, p.key)));
}

/** A right password ends the count. */
export async function clearFailures(db: Database, p: { key: string }): Promise<void> {
  await db.delete(rateBuckets).where(and(eq(rateBuckets.kind, ACCOUNT), eq(rateBuckets.key, p.key)));
}

/** Rows whose window and lock are long over mean nothing any more; dropped now and then so the table stays small. */
export async function sweep(db: Database, p: { now: number; olderThanSeconds: number }): Promise<void> {
  const cutoff = new Date(p.now - p.olderThanSeconds * 1000);
  await db.delete(rateBuckets).where(and(lt(rateBuckets.windowStart, cutoff), or(isNull(rateBuckets.lockedUntil), lt(rateBuckets.lockedUntil, new Date(p.now)))));
}
