import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { accountKey, clearFailures, gateAttempt, hit, sweep, undoAttempt, type Verdict } from '../auth/attempts';
import type { Auth } from '../auth/auth';
import type { AuthLimits } from '../config';
import type { Database } from '../db/client';
import { ApiError } from '../errors';
import { clientIp } from './rate-limit';

export interface CredentialLimitOptions {
  limits: AuthLimits;
  trustProxy: number;
  now: () => number;
}

/** The longest address a mailbox can have (RFC 5321), and a generous name: better-auth itself bounds neither. */
export const MAX_EMAIL = 254;
export const MAX_NAME = 200;
/** A profile picture is an address, not an image. */
const MAX_IMAGE = 2048;

/** Routes that check the signed-in user's password: a stolen session must not make them a way to guess it. */
const PASSWORD_CHECKS = new Set(['/change-password', '/verify-password']);

/** The per-address limit each credential route counts against, by path under /api/auth. */
const PER_ADDRESS: Record<string, { kind: string; limit: (l: AuthLimits) => number; what: string }> = {
  '/sign-in/email': { kind: 'sign-in:address', limit: (l) => l.signInPerAddress, what: 'sign-ins' },
  '/sign-up/email': { kind: 'sign-up:address', limit: (l) => l.signUpPerAddress, what: 'sign-ups' },
  '/request-password-reset': { kind: 'reset:address', limit: (l) => l.resetPerAddress, what: 'password resets' },
  '/sign-in/anonymous': { kind: 'guest:address', limit: (l) => l.guestsPerAddress, what: 'new guests' },
};

/** One request in this many also clears rows whose window and lock are long over. */
const SWEEP_ONE_IN = 500;

function refuse(v: Extract<Verdict, { ok: false }>, message: string, hint: string): never {
  throw new ApiError('TOO_MANY_ATTEMPTS', `${message} Wait ${v.retryAfter} s and try again.`, { hint, headers: { 'Retry-After': String(v.retryAfter) } });
}

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  const body: unknown = await c.req.raw.clone().json().catch(() => undefined);
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

function tooLong(value: unknown, max: number, field: string): void {
  if (typeof value === 'string' && value.length > max) {
    throw new ApiError('VALIDATION_FAILED', `The ${field} is longer than ${max} characters.`, { hint: `Use a ${field} of at most ${max} characters.` });
  }
}

/**
 * Credential limits in front of better-auth, counted in the database so they hold across instances: per address for
 * sign-in, sign-up, password reset and new guests; per account for wrong passwords (a lock that doubles, whatever
 * address the guesses come from), at sign-in and where a signed-in user's password is checked again, so that a
 * stolen session is no way round it. An unknown email is counted and locked exactly like a known one, so neither the
 * answers nor the lock tell whether an account exists. Also bounds the lengths better-auth leaves open.
 */
export function credentialLimits(db: Database, auth: Auth, { limits, trustProxy, now }: CredentialLimitOptions) {
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const path = c.req.path.replace(/^\/api\/auth/, '');
    const t = now();
    if (Math.random() * SWEEP_ONE_IN < 1) await sweep(db, { now: t, olderThanSeconds: Math.max(limits.windowSeconds, 24 * 3600) });

    const body = path === '/sign-in/anonymous' ? {} : await jsonBody(c);
    tooLong(body.email, MAX_EMAIL, 'email address');
    tooLong(body.newEmail, MAX_EMAIL, 'email address');
    tooLong(body.name, MAX_NAME, 'name');
    tooLong(body.image, MAX_IMAGE, 'image address');

    const rule = PER_ADDRESS[path];
    if (rule) {
      const v = await hit(db, { kind: rule.kind, key: clientIp(c, trustProxy), limit: rule.limit(limits), windowSeconds: limits.windowSeconds, now: t });
      if (!v.ok) refuse(v, `Too many ${rule.what} from your network.`, 'Wait a while before trying again; CVPath keeps working offline meanwhile.');
    }
    let email: string | undefined;
    if (path === '/sign-in/email' && typeof body.email === 'string') email = body.email;
    else if (PASSWORD_CHECKS.has(path)) email = (await auth.api.getSession({ headers: c.req.raw.headers }))?.user.email;
    if (email === undefined) return next();

    const key = accountKey(email);
    const gate = await gateAttempt(db, { key, now: t, after: limits.lockAfterFailures, maxSeconds: limits.lockMaxSeconds });
    if (!gate.ok) refuse(gate, 'Too many wrong passwords for this account, so sign-in is paused.', 'Use “Forgot password?” if you do not remember it; the pause grows with each wrong password.');
    await next();
    // every attempt was counted before it went ahead; the right password ends the count (and any lock it began), and
    // a failure of ours (a guest's merge that rolled back, the database) is no wrong password
    if (c.res.ok) await clearFailures(db, { key });
    else if (c.res.status >= 500) await undoAttempt(db, { key, after: limits.lockAfterFailures });
  });
}
