import { CvPathError } from '../../shared/errors';
import type { Api } from './api';
import { ServerError } from './server-error';

/** Who is signed in, as the server says. */
export interface AccountUser {
  id: string;
  email: string | null;
  name: string;
  isAnonymous: boolean;
}

export interface SignedIn {
  /** The bearer token (`set-auth-token`): kept by the sync client, never shown or logged. */
  token: string;
  user: AccountUser;
}

/** One signed-in session of the account, as the options page lists it. Never its token. */
export interface SessionView {
  id: string;
  createdAt: string;
  expiresAt: string;
  userAgent?: string;
  ipAddress?: string;
  /** This extension's own session. */
  current: boolean;
}

export interface DeviceView {
  deviceId: string;
  name: string;
  lastSeenAt: string;
  /** This install. */
  current: boolean;
}

interface AuthUser {
  id: string;
  email: string;
  name: string;
  isAnonymous?: boolean | null;
}

const toUser = (u: AuthUser): AccountUser => ({ id: u.id, email: u.isAnonymous ? null : u.email, name: u.name, isAnonymous: !!u.isAnonymous });

async function session(api: Api, path: string, body: unknown, as?: string): Promise<SignedIn> {
  const { data, res } = await api.auth<{ user?: AuthUser }>(path, body, as);
  const token = res.headers.get('set-auth-token');
  if (!token || !data.user) {
    throw new ServerError('INTERNAL', 'The server signed you in but sent no session.', { hint: 'Check that the server address is the CVPath backend, then try again.' });
  }
  return { token, user: toUser(data.user) };
}

/** A guest account: sync without registering; registering later keeps everything. */
export function signInAsGuest(api: Api): Promise<SignedIn> {
  return session(api, 'sign-in/anonymous', {});
}

/**
 * Registers, then signs in: the server's sign-up makes no session, so that it can answer an address that already has
 * an account exactly as a new one (nobody learns who has an account; the owner gets a mail). If the address was
 * taken, the sign-in says the password is wrong. With a guest's token the guest's data moves into the account at the
 * sign-in, in one transaction.
 */
export async function signUp(api: Api, input: { email: string; password: string; name?: string }, guestToken?: string): Promise<SignedIn> {
  const email = input.email.trim();
  checkCredentials(email, input.password);
  await api.auth('sign-up/email', { email, password: input.password, name: input.name?.trim() || email.split('@')[0] });
  try {
    return await session(api, 'sign-in/email', { email, password: input.password }, guestToken);
  } catch (err) {
    // the only way a sign-in right after a sign-up fails on the password: the address already had an account
    if (err instanceof ServerError && err.code === 'UNAUTHORIZED') {
      throw new ServerError('CONFLICT', 'This email cannot be registered.', { hint: 'If it already has an account, sign in with its password, or use “Forgot password?”.' });
    }
    throw err;
  }
}

/** Signs in to an existing account; a guest's data joins it, as when registering. */
export function signIn(api: Api, input: { email: string; password: string }, guestToken?: string): Promise<SignedIn> {
  const email = input.email.trim();
  checkCredentials(email, input.password, false);
  return session(api, 'sign-in/email', { email, password: input.password }, guestToken);
}

export async function signOut(api: Api): Promise<void> {
  await api.auth('sign-out', {});
}

/** Mails a link to choose a new password. The server answers the same whether or not the address has an account. */
export async function requestPasswordReset(api: Api, email: string): Promise<void> {
  const e = email.trim();
  if (!e.includes('@')) throw new CvPathError('INPUT_INVALID', 'Type the email address of your account first.', { hint: 'The reset link is sent there.' });
  await api.auth('request-password-reset', { email: e, redirectTo: `${api.serverUrl}/reset-password` });
}

/** As the server lists them: never with their tokens; `current` marks this extension's own. */
interface AuthSession {
  id: string;
  current: boolean;
  createdAt: string;
  expiresAt: string;
  userAgent?: string | null;
  ipAddress?: string | null;
}

export async function listSessions(api: Api): Promise<SessionView[]> {
  return (await api.auth<AuthSession[]>('list-sessions')).data
    .map((s) => ({
      id: s.id, createdAt: s.createdAt, expiresAt: s.expiresAt, current: s.current === true,
      ...(s.userAgent ? { userAgent: s.userAgent } : {}), ...(s.ipAddress ? { ipAddress: s.ipAddress } : {}),
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.createdAt.localeCompare(a.createdAt));
}

/** Signs one session out, by its id (the list carries no tokens). */
export async function revokeSession(api: Api, sessionId: string): Promise<void> {
  try {
    await api.call(() => api.client.v1.account.sessions[':sessionId'].$delete({ param: { sessionId } }));
  } catch (err) {
    if (err instanceof ServerError && err.code === 'NOT_FOUND') return; // already signed out
    throw err;
  }
}

export async function getAccount(api: Api, deviceId: string): Promise<{ user: AccountUser; devices: DeviceView[] }> {
  const res = await api.call(() => api.client.v1.account.$get());
  const body = await res.json();
  return { user: body.user, devices: body.devices.map((x) => ({ deviceId: x.deviceId, name: x.name, lastSeenAt: x.lastSeenAt, current: x.deviceId === deviceId })) };
}

export async function forgetDevice(api: Api, deviceId: string): Promise<void> {
  await api.call(() => api.client.v1.account.devices[':deviceId'].$delete({ param: { deviceId } }));
}

/** Checked here first, so a typo is answered at once, offline too. */
function checkCredentials(email: string, password: string, newPassword = true): void {
  if (!email.includes('@')) throw new CvPathError('INPUT_INVALID', 'That is not an email address.', { hint: 'Check the address, for example ada@example.com.' });
  if (!password) throw new CvPathError('INPUT_INVALID', 'Type your password.', { hint: 'Forgot it? Use “Forgot password?” to choose a new one.' });
  if (newPassword && password.length < 10) throw new CvPathError('INPUT_INVALID', 'The password is too short.', { hint: 'Use at least 10 characters.' });
}
