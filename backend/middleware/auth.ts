import { createMiddleware } from 'hono/factory';
import type { Auth } from '../auth/auth';
import { ApiError } from '../errors';

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  isAnonymous: boolean;
}

export type AuthEnv = { Variables: { user: CurrentUser; sessionId: string } };

/**
 * Lets a request through only with a valid session (the extension's `Authorization: Bearer`, or the session cookie),
 * and puts its user on the context. Every query a route makes is scoped to `c.var.user.id`, never to an id in the request.
 */
export function requireUser(auth: Auth) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const session = await auth.api.getSession({ headers: c.req.raw.headers });
    if (!session) throw new ApiError('UNAUTHORIZED', 'Sign in to sync: this request has no valid session (it may have expired or been revoked).');
    const u = session.user as typeof session.user & { isAnonymous?: boolean | null };
    c.set('user', { id: u.id, email: u.email, name: u.name, isAnonymous: Boolean(u.isAnonymous) });
    c.set('sessionId', session.session.id);
    await next();
  });
}
