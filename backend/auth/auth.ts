import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { anonymous, bearer } from 'better-auth/plugins';
import type { Config } from '../config';
import type { DbHandle } from '../db/client';
import { accounts, sessions, users, verifications } from '../db/schema';
import { describeError, fingerprint, type Logger } from '../logger';
import { accountKey, hit } from './attempts';
import type { MailTransport } from './mail';
import { mergeGuest, type MergeProbe } from './merge-guest';

export interface AuthDeps {
  db: DbHandle;
  config: Config;
  mail: MailTransport;
  logger: Logger;
  /** Tests inject faults into a guest's merge here. */
  mergeProbe?: MergeProbe;
  /** The clock of the reset-mail limit. */
  now?: () => number;
}

/**
 * The signing secret: from the environment, or made once and kept (readable by this user only) beside the embedded
 * database, so a restart does not sign everybody out.
 */
export function authSecret(config: Pick<Config, 'authSecret' | 'dataDir' | 'databaseUrl'>): string {
  if (config.authSecret) {
    if (config.authSecret.length < 32) throw new Error('AUTH_SECRET must be at least 32 characters');
    return config.authSecret;
  }
  if (config.databaseUrl) throw new Error('AUTH_SECRET is required with DATABASE_URL: every instance must sign sessions with the same secret');
  const dir = resolve(config.dataDir);
  const file = join(dir, 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Browser origins better-auth accepts: the extension's pages and the dashboard (as for CORS). */
export function trustedOrigins(config: Pick<Config, 'cors' | 'publicUrl'>): string[] {
  const ext = config.cors.extensionIds.length ? config.cors.extensionIds.map((id) => `chrome-extension://${id}`) : ['chrome-extension://*'];
  // the server's own origin: the reset mail's link comes back to its /reset-password page
  return [...new Set([...ext, config.cors.dashboardOrigin, new URL(config.publicUrl).origin])];
}

/**
 * Accounts: email and password, anonymous guests (a device that syncs before it registers), bearer tokens for the
 * extension, sessions a user can list and revoke, password reset by mail. When a guest registers or signs in, its data
 * moves to the account in one transaction (`mergeGuest`) and the guest is removed.
 */
export function createAuth({ db, config, mail, logger, mergeProbe, now = Date.now }: AuthDeps) {
  return betterAuth({
    appName: 'CVPath',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: authSecret(config),
    trustedOrigins: trustedOrigins(config),
    database: drizzleAdapter(db.db, { provider: 'pg', schema: { user: users, session: sessions, account: accounts, verification: verifications } }),
    telemetry: { enabled: false },
    // our own middleware limits every route per IP, and the credential routes in the database (middleware/credential-limits.ts)
    rateLimit: { enabled: false },
    logger: {
      // better-auth's messages are made from data (a failed query with its parameters, an address): fingerprint only
      log: (level, message) => (level === 'error' ? logger.error('auth error', { fingerprint: fingerprint(new Error(message)) }) : level === 'warn' ? logger.warn('auth warning', { fingerprint: fingerprint(new Error(message)) }) : undefined),
    },
    session: { expiresIn: 60 * 60 * 24 * 60, updateAge: 60 * 60 * 24 },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      // Sign-up makes no session: the client signs in next. That lets sign-up answer an existing email exactly as a new
      // one ({ token: null, user } with a made-up id), so it cannot be used to find out who has an account; the owner
      // of the address gets a mail instead. (The sign-in after it still fails for someone who does not know the
      // password, as for any account; without verifying the address first, that much cannot be hidden.)
      autoSignIn: false,
      // the anonymous plugin's field, so a made-up user has the same fields as a real one
      customSyntheticUser: ({ coreFields, additionalFields, id }) => ({ ...coreFields, isAnonymous: false, ...additionalFields, id }),
      onExistingUserSignUp: async ({ user }) => {
        await mail.send({
          to: user.email,
          subject: 'Your CVPath account',
          text: `Someone tried to register a CVPath account with this address, which already has one.\n\nIf it was you, sign in instead; if you forgot your password, use "Forgot password?" in the CVPath extension.\nIf it was not you, ignore this mail: nothing changed.\n`,
        });
      },
      sendResetPassword: async ({ user, url }) => {
        // A few mails per account per window: past that the request answers exactly the same but sends nothing, so
        // nobody can flood a mailbox, nor learn from the answer whether the address has an account.
        const { resetMailsPerAccount: limit, windowSeconds } = config.authLimits;
        const allowed = await hit(db.db, { kind: 'reset:account', key: accountKey(user.email), limit, windowSeconds, now: now() });
        if (!allowed.ok) {
          logger.warn('password reset mail not sent: too many for this account in the window');
          return;
        }
        await mail.send({
          to: user.email,
          subject: 'Reset your CVPath password',
          text: `Someone asked to reset the password of your CVPath account.\n\nTo choose a new password, open this link within the hour:\n${url}\n\nIf it was not you, ignore this mail: your password stays as it is.\n`,
        });
      },
    },
    plugins: [
      bearer(),
      anonymous({
        emailDomainName: 'guest.cvpath.invalid',
        // the guest is deleted inside the merge's transaction, not after it
        disableDeleteAnonymousUser: true,
        onLinkAccount: async ({ anonymousUser, newUser, ctx }) => {
          try {
            const summary = await mergeGuest(db.db, anonymousUser.user.id, newUser.user.id, mergeProbe);
            logger.info('guest merged into account', { moved: summary.moved });
          } catch (cause) {
            // The merge rolled back; undo what this request made before it, so that nothing changed and the same
            // request can simply be sent again: the new session, and on a sign-up the new account itself.
            logger.error('guest merge failed; nothing changed', describeError(cause));
            if (ctx.path.startsWith('/sign-up')) await db.db.delete(users).where(eq(users.id, newUser.user.id));
            else await db.db.delete(sessions).where(eq(sessions.token, newUser.session.token));
            // and hand out no token or cookie for the session that is gone (a browser keeps its guest cookie)
            // (better-auth keeps them here, as its anonymous plugin reads them, but does not type it on a hook's context)
            const headers = (ctx.context as { responseHeaders?: Headers }).responseHeaders;
            headers?.delete('set-cookie');
            headers?.delete('set-auth-token');
            throw new APIError('INTERNAL_SERVER_ERROR', {
              code: 'GUEST_MERGE_FAILED',
              message: 'Your guest data could not be moved into the account, so nothing changed. Try again.',
            });
          }
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
