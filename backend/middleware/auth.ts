import { createHmac, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { Auth } from '../auth/auth';
import type { Database } from '../db/client';
import { sessions, users } from '../db/schema';
import { ApiError } from '../errors';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  isAnonymous: boolean;
}

export type AuthEnv = { Variables: { user: CurrentUser; sessionId: string } };

interface Found {
  user: CurrentUser;
  sessionId: string;
}

/** better-auth's own answer: bearer or cookie, signature, expiry, and the daily refresh of a session's expiry. */
async function fromBetterAuth(auth: Auth, headers: Headers): Promise<Found | undefined> {
  const session = await auth.api.getSession({ headers });
  if (!session) return undefined;
  const u = session.user as typeof session.user & { isAnonymous?: boolean | null };
  return { user: { id: u.id, email: u.email, name: u.name, isAnonymous: Boolean(u.isAnonymous) }, sessionId: session.session.id };
}

/** The token better-auth hands out in `set-auth-token`: the session token and its HMAC-SHA256, base64 (44 characters). */
const SIGNED_TOKEN = /^([A-Za-z0-9]+)\.([A-Za-z0-9+/]{43}=)$/;

/**
 * The common case of every sync request, in one indexed query: a well-formed signed bearer token whose session exists,
 * has not expired and needs no refresh yet. It answers only when better-auth would answer the same session; anything
 * else (no or odd token, a cookie, a bad signature, an unknown, expired or day-old session) returns undefined and
 * better-auth decides, refreshing or cleaning up the session as it does. better-auth's own lookup spends most of an idle
 * sync's server time (its endpoint machinery and two queries); this one a fraction of a millisecond.
 */
function bearerSessions(auth: Auth, db: Database) {
  const lookup = db
    .select({ sessionId: sessions.id, expiresAt: sessions.expiresAt, id: users.id, email: users.email, name: users.name, isAnonymous: users.isAnonymous })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.token, sql.placeholder('token')))
    .prepare('require_user_session');
  let context: Promise<{ secret: string; expiresInMs: number; updateAgeMs: number }> | undefined;
  const settings = () =>
    (context ??= auth.$context.then((ctx) => ({ secret: ctx.secret, expiresInMs: ctx.sessionConfig.expiresIn * 1000, updateAgeMs: ctx.sessionConfig.updateAge * 1000 })));

  return async (headers: Headers): Promise<Found | undefined> => {
    const authorization = headers.get('authorization');
    if (!authorization || headers.has('cookie') || authorization.slice(0, 7).toLowerCase() !== 'bearer ') return undefined;
    let token = authorization.slice(7).trim();
    if (token.includes('%')) {
      try {
        token = decodeURIComponent(token);
      } catch {
        return undefined;
      }
    }
    const m = SIGNED_TOKEN.exec(token);
    if (!m) return undefined;
    const { secret, expiresInMs, updateAgeMs } = await settings();
    const expected = createHmac('sha256', secret).update(m[1]!).digest();
    const given = Buffer.from(m[2]!, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const [row] = await lookup.execute({ token: m[1]! });
    if (!row || row.email === null) return undefined;
    const now = Date.now();
    const expires = row.expiresAt.getTime();
    // expired, or due for better-auth's refresh of its expiry (once every updateAge)
    if (expires <= now || expires - expiresInMs + updateAgeMs <= now) return undefined;
    return { user: { id: row.id, email: row.email, name: row.name, isAnonymous: row.isAnonymous }, sessionId: row.sessionId };
  };
}

/**
 * Lets a request through only with a valid session (the extension's `Authorization: Bearer`, or the session cookie),
 * and puts its user on the context. Every query a route makes is scoped to `c.var.user.id`, never to an id in the request.
 * Given the database, a valid bearer session is found with one query (see `bearerSessions`); better-auth decides the rest.
 */
export function requireUser(auth: Auth, db?: Database) {
  const fast = db ? bearerSessions(auth, db) : undefined;
  return createMiddleware<AuthEnv>(async (c, next) => {
    const headers = c.req.raw.headers;
    const found = (await fast?.(headers)) ?? (await fromBetterAuth(auth, headers));
    if (!found) throw new ApiError('UNAUTHORIZED', 'Sign in to sync: this request has no valid session (it may have expired or been revoked).');
    c.set('user', found.user);
    c.set('sessionId', found.sessionId);
    await next();
  });
}
