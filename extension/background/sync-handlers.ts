import { CvPathError } from '../../shared/errors';
import type { Handlers } from '../messaging/index';
import type { SyncClient } from '../sync/client';

type Handler = (data: unknown, sender: { tabId?: number; url?: string }) => unknown;

/**
 * The sync and account messages. They sign in, carry passwords and send data to a server, so only the extension's own
 * pages may send them (a content script runs inside a web page, whose address its messages carry).
 */
export function syncHandlers(sync: SyncClient, extensionOrigin: string): Handlers {
  const text = (v: unknown, what: string): string => {
    if (typeof v !== 'string' || v.length > 1000) throw new CvPathError('INPUT_INVALID', `The ${what} is missing.`, { hint: `Type the ${what} and try again.` });
    return v;
  };
  const handlers: Handlers = {
    'sync:nudge': ({ reason }) => {
      if (reason === 'change' || reason === 'page' || reason === 'online') sync.nudge(reason);
      return { ok: true };
    },
    'sync:now': () => sync.syncNow(),
    'sync:configure': ({ enabled, serverUrl }) =>
      sync.configure({ ...(typeof enabled === 'boolean' ? { enabled } : {}), ...(serverUrl !== undefined ? { serverUrl: text(serverUrl, 'server address') } : {}) }),
    'sync:dismiss-rejected': () => sync.dismissRejected(),
    'account:guest': () => sync.signInAsGuest(),
    'account:register': ({ email, password, name }) =>
      sync.register({ email: text(email, 'email address'), password: text(password, 'password'), ...(typeof name === 'string' ? { name } : {}) }),
    'account:sign-in': ({ email, password }) => sync.signIn({ email: text(email, 'email address'), password: text(password, 'password') }),
    'account:sign-out': () => sync.signOut(),
    'account:forgot-password': async ({ email }) => {
      await sync.requestPasswordReset(text(email, 'email address'));
      return { ok: true };
    },
    'account:get': async () => {
      const [account, sessions] = await Promise.all([sync.account(), sync.sessions()]);
      return { ...account, sessions };
    },
    'account:revoke-session': ({ sessionId }) => sync.revokeSession(text(sessionId, 'session')),
    'account:forget-device': async ({ deviceId }) => {
      await sync.forgetDevice(text(deviceId, 'device'));
      return { ok: true };
    },
  };
  const ownPagesOnly = (h: Handler): Handler => (data, sender) => {
    if (!sender.url?.startsWith(extensionOrigin)) throw new CvPathError('FORBIDDEN', 'Only CVPath’s own pages can manage sync.', { hint: 'Open Options → Account & sync.' });
    return h(data, sender);
  };
  return Object.fromEntries(Object.entries(handlers).map(([type, h]) => [type, ownPagesOnly(h as Handler)]));
}
