import { Hono } from 'hono';
import type { Auth } from '../auth/auth';
import type { Database } from '../db/client';
import { credentialLimits, type CredentialLimitOptions } from '../middleware/credential-limits';
import type { RouteDocs } from '../openapi';

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta name="referrer" content="same-origin"><title>${escape(title)} · CVPath</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.75rem 0 .25rem}input{width:100%;padding:.5rem;font:inherit;box-sizing:border-box}button{margin-top:1rem;padding:.5rem 1rem;font:inherit}.error{color:#a00}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;

function resetForm(token: string, error?: string): string {
  return page(
    'Choose a new password',
    `${error ? `<p class="error" role="alert">${escape(error)}</p>` : ''}
<form method="post" action="/reset-password">
<input type="hidden" name="token" value="${escape(token)}">
<label for="p1">New password (at least 10 characters)</label><input id="p1" name="password" type="password" minlength="10" required autocomplete="new-password">
<label for="p2">The same again</label><input id="p2" name="again" type="password" minlength="10" required autocomplete="new-password">
<button type="submit">Set the new password</button>
</form>`,
  );
}

/**
 * The caller's sessions without their tokens: a token is a bearer credential, and one leaked listing would hand over
 * every other device's session. Each says whether it is the caller's own; another is signed out by its id
 * (`DELETE /v1/account/sessions/:id`).
 */
async function listSessions(auth: Auth, req: Request): Promise<Response> {
  const res = await auth.handler(req);
  if (!res.ok) return res;
  const [list, mine] = await Promise.all([res.json() as Promise<Array<Record<string, unknown>>>, auth.api.getSession({ headers: req.headers })]);
  const body = list.map(({ token: _token, ...s }) => ({ ...s, current: s.id === mine?.session.id }));
  const headers = new Headers(res.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: res.status, headers });
}

/**
 * better-auth under `/api/auth/*` (sign-up, sign-in, anonymous guests, sessions, password reset) behind credential
 * limits, and the page the reset mail links to: a plain form (no scripts) that sets the new password.
 */
export function authRoutes(auth: Auth, { db, ...limits }: { db: Database } & CredentialLimitOptions) {
  return new Hono()
    .use('/api/auth/*', credentialLimits(db, auth, limits))
    .get('/api/auth/list-sessions', (c) => listSessions(auth, c.req.raw))
    .on(['GET', 'POST'], '/api/auth/*', (c) => auth.handler(c.req.raw))
    .get('/reset-password', (c) => {
      const token = c.req.query('token');
      const error = c.req.query('error');
      if (!token || error) return c.html(page('This link does not work', '<p>The reset link has expired or was already used. Ask for a new one from the CVPath extension (Options → Account → Forgot password).</p>'), 400);
      return c.html(resetForm(token), 200);
    })
    .post('/reset-password', async (c) => {
      const form = await c.req.parseBody();
      const token = typeof form.token === 'string' ? form.token : '';
      const password = typeof form.password === 'string' ? form.password : '';
      if (password !== form.again) return c.html(resetForm(token, 'The two passwords differ. Type the same password twice.'), 400);
      if (password.length < 10) return c.html(resetForm(token, 'The password must be at least 10 characters.'), 400);
      try {
        await auth.api.resetPassword({ body: { newPassword: password, token } });
      } catch {
        return c.html(page('This link does not work', '<p>The reset link has expired or was already used. Ask for a new one from the CVPath extension.</p>'), 400);
      }
      return c.html(page('Password changed', '<p>Your password is changed and every device was signed out. Sign in again in the CVPath extension.</p>'), 200);
    });
}

export const authDocs: RouteDocs = {
  '/api/auth/sign-up/email': {
    post: {
      summary: 'Register with email and password; then sign in. Answers the same whether or not the email already has an account (its owner is mailed instead), so it cannot be used to find accounts',
      tags: ['auth'],
      responses: { 200: { description: 'Registered, or already registered: sign in next (no session is made here)' }, 400: { description: 'Email over 254 or name over 200 characters', error: true }, 429: { description: 'Too many sign-ups from this address (Retry-After)', error: true } },
    },
  },
  '/api/auth/sign-in/email': {
    post: {
      summary: 'Sign in with email and password (a guest session in Authorization merges into the account)',
      tags: ['auth'],
      responses: { 200: { description: 'Signed in; the bearer token is in the set-auth-token header' }, 401: { description: 'Wrong email or password' }, 429: { description: 'Too many sign-ins from this address, or too many wrong passwords for this account (Retry-After)', error: true } },
    },
  },
  '/api/auth/sign-in/anonymous': { post: { summary: 'Start a guest session', tags: ['auth'], responses: { 200: { description: 'A guest; the bearer token is in the set-auth-token header' }, 429: { description: 'Too many new guests from this address (Retry-After)', error: true } } } },
  '/api/auth/get-session': { get: { summary: 'The current session and user', tags: ['auth'], responses: { 200: { description: 'Session or null' } } } },
  '/api/auth/list-sessions': { get: { summary: "The caller's sessions, without their tokens; `current` marks the caller's own", tags: ['auth'], responses: { 200: { description: 'Sessions' } } } },
  '/api/auth/revoke-session': { post: { summary: 'Sign one session out (by its token)', tags: ['auth'], responses: { 200: { description: 'Revoked' } } } },
  '/api/auth/revoke-other-sessions': { post: { summary: 'Sign every other session out', tags: ['auth'], responses: { 200: { description: 'Revoked' } } } },
  '/api/auth/sign-out': { post: { summary: 'Sign this session out', tags: ['auth'], responses: { 200: { description: 'Signed out' } } } },
  '/api/auth/request-password-reset': { post: { summary: 'Mail a password-reset link (answers the same whether or not the address has an account; a few mails per account per window at most)', tags: ['auth'], responses: { 200: { description: 'Sent if the account exists' }, 429: { description: 'Too many resets from this address (Retry-After)', error: true } } } },
  '/api/auth/reset-password': { post: { summary: 'Set a new password with a reset token', tags: ['auth'], responses: { 200: { description: 'Changed' } } } },
  '/reset-password': { get: { summary: 'The page the reset mail links to', tags: ['auth'], responses: { 200: { description: 'A form' } } } },
};
