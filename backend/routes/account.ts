import { and, desc, eq, sql } from 'drizzle-orm';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { accountKey, clearFailures, gateAttempt } from '../auth/attempts';
import type { Auth } from '../auth/auth';
import type { AuthLimits } from '../config';
import type { Database, DbHandle } from '../db/client';
import { accounts, devices, sessions, usage, users } from '../db/schema';
import { ApiError } from '../errors';
import { requireUser, type AuthEnv, type CurrentUser } from '../middleware/auth';
import { validate } from '../middleware/validate';
import type { RouteDocs } from '../openapi';

export const Account = z.object({
  user: z.object({ id: z.string(), email: z.string().nullable(), name: z.string(), isAnonymous: z.boolean() }),
  devices: z.array(z.object({ deviceId: z.string(), name: z.string(), lastSeenAt: z.string(), pushes: z.number().int(), pulls: z.number().int() })),
  usage: z.object({ runs: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int(), costMicros: z.number().int() }),
});
export type Account = z.infer<typeof Account>;

const DeleteAccount = z.object({ confirm: z.literal('delete my account'), password: z.string().max(256).optional() });

/** A guest has no password: deleting it takes a session made this recently (a fresh guest sign-in on the device). */
export const FRESH_GUEST_SESSION_MS = 5 * 60_000;

/**
 * Whether the caller proved, just now, to be the account's owner rather than a holder of a stolen token: the password
 * (wrong ones count towards the account's sign-in lock, so this is no side door for guessing), or for a guest, a
 * session created within the last few minutes.
 */
async function assertFreshProof(db: Database, auth: Auth, p: { user: CurrentUser; sessionId: string; password: string | undefined; limits: AuthLimits; now: number }): Promise<void> {
  if (p.user.isAnonymous) {
    const [s] = await db.select({ createdAt: sessions.createdAt }).from(sessions).where(eq(sessions.id, p.sessionId));
    if (s && p.now - s.createdAt.getTime() <= FRESH_GUEST_SESSION_MS) return;
    throw new ApiError('FORBIDDEN', 'Deleting a guest account needs a guest session made in the last few minutes.', { hint: 'Sign out, continue as a guest again on this device, then delete.' });
  }
  if (!p.password) throw new ApiError('FORBIDDEN', 'Type your password to delete the account.', { hint: 'Deleting cannot be undone, so it asks for the password even while you are signed in.' });
  const key = accountKey(p.user.email);
  const lock = await gateAttempt(db, { key, now: p.now, after: p.limits.lockAfterFailures, maxSeconds: p.limits.lockMaxSeconds });
  if (!lock.ok) throw new ApiError('TOO_MANY_ATTEMPTS', `Too many wrong passwords for this account. Wait ${lock.retryAfter} s and try again.`, { headers: { 'Retry-After': String(lock.retryAfter) } });
  const [credential] = await db.select({ hash: accounts.password }).from(accounts).where(and(eq(accounts.userId, p.user.id), eq(accounts.providerId, 'credential')));
  const ctx = await auth.$context;
  if (credential?.hash && (await ctx.password.verify({ hash: credential.hash, password: p.password }))) {
    await clearFailures(db, { key });
    return;
  }
  throw new ApiError('FORBIDDEN', 'The password is wrong, so the account was not deleted.', { hint: 'Type the password you sign in with; if you forgot it, reset it first.' });
}

/** The caller's own account: who they are, the devices that sync, their usage; and deleting it with all its data. */
export function accountRoutes({ db, auth, perUser, limits, now }: { db: DbHandle; auth: Auth; perUser: MiddlewareHandler<AuthEnv>; limits: AuthLimits; now: () => number }) {
  return new Hono<AuthEnv>()
    .use(requireUser(auth))
    .use(perUser)
    .get('/', async (c) => {
      const me = c.var.user;
      const [deviceRows, [totals]] = await Promise.all([
        db.db.select().from(devices).where(eq(devices.userId, me.id)).orderBy(desc(devices.lastSeenAt)),
        db.db
          .select({
            runs: sql<number>`coalesce(sum(${usage.runs}), 0)::int`,
            inputTokens: sql<number>`coalesce(sum(${usage.inputTokens}), 0)::bigint`,
            outputTokens: sql<number>`coalesce(sum(${usage.outputTokens}), 0)::bigint`,
            costMicros: sql<number>`coalesce(sum(${usage.costMicros}), 0)::bigint`,
          })
          .from(usage)
          .where(eq(usage.userId, me.id)),
      ]);
      const body: Account = {
        user: { id: me.id, email: me.isAnonymous ? null : me.email, name: me.name, isAnonymous: me.isAnonymous },
        devices: deviceRows.map((d) => ({ deviceId: d.deviceId, name: d.name, lastSeenAt: d.lastSeenAt.toISOString(), pushes: d.pushes, pulls: d.pulls })),
        usage: { runs: Number(totals?.runs ?? 0), inputTokens: Number(totals?.inputTokens ?? 0), outputTokens: Number(totals?.outputTokens ?? 0), costMicros: Number(totals?.costMicros ?? 0) },
      };
      return c.json(body, 200);
    })
    .delete('/devices/:deviceId', async (c) => {
      const gone = await db.db.delete(devices).where(and(eq(devices.userId, c.var.user.id), eq(devices.deviceId, c.req.param('deviceId')))).returning();
      if (gone.length === 0) throw new ApiError('NOT_FOUND', 'No such device on this account.');
      return c.json({ deleted: true as const }, 200);
    })
    .delete('/sessions/:sessionId', async (c) => {
      // by id, since the session list carries no tokens; only the caller's own sessions
      const gone = await db.db.delete(sessions).where(and(eq(sessions.userId, c.var.user.id), eq(sessions.id, c.req.param('sessionId')))).returning();
      if (gone.length === 0) throw new ApiError('NOT_FOUND', 'No such session on this account.', { hint: 'It may have been signed out already; reload the list.' });
      return c.json({ revoked: true as const }, 200);
    })
    .post('/delete', validate('json', DeleteAccount), async (c) => {
      await assertFreshProof(db.db, auth, { user: c.var.user, sessionId: c.var.sessionId, password: c.req.valid('json').password, limits, now: now() });
      // every row of the user goes with it (foreign keys cascade); telemetry keeps only anonymous counts
      await db.db.transaction(async (tx) => {
        await tx.execute(sql`update analytics.events set user_id = null where user_id = ${c.var.user.id}`);
        await tx.delete(users).where(eq(users.id, c.var.user.id));
      });
      return c.json({ deleted: true as const }, 200);
    });
}

export const accountDocs: RouteDocs = {
  '/v1/account': { get: { summary: "The caller's account, devices and usage", tags: ['account'], responses: { 200: { description: 'The account', schema: Account }, 401: { description: 'No session', error: true } } } },
  '/v1/account/devices/{deviceId}': { delete: { summary: 'Forget a device', tags: ['account'], responses: { 200: { description: 'Forgotten' }, 404: { description: 'Not a device of this account', error: true } } } },
  '/v1/account/sessions/{sessionId}': { delete: { summary: 'Sign one of your sessions out, by its id', tags: ['account'], responses: { 200: { description: 'Signed out' }, 404: { description: 'Not a session of this account', error: true } } } },
  '/v1/account/delete': {
    post: {
      summary: 'Delete the account and all its data: needs the password (a guest: a session made in the last 5 minutes)',
      tags: ['account'],
      body: DeleteAccount,
      responses: { 200: { description: 'Deleted' }, 401: { description: 'No session', error: true }, 403: { description: 'No or wrong password, or a guest session too old', error: true }, 429: { description: 'Too many wrong passwords (Retry-After)', error: true } },
    },
  },
};
