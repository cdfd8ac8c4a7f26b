import { CvPathError, isCvPathError } from '../../shared/errors';
import { SyncEngine } from '../../shared/sync/engine';
import { db as defaultDb, type CvPathDb, type SyncStateRecord } from '../store/db';
import * as account from './account';
import { createApi, type Api, type Fetch } from './api';
import { backoffDelay } from './backoff';
import { DexieSyncStore, enqueueEverything } from './dexie-store';
import { ServerError } from './server-error';
import { loadSyncState, readSyncStatus, updateSyncState, type SyncStatus } from './state';
import { httpTransport } from './transport';

/** The alarm that syncs now and then even when nothing changed here (another device may have). */
export const SYNC_ALARM = 'cvpath:sync';
export const SYNC_PERIOD_MINUTES = 5;
/** Changes made within this window after a first one go to the server together. */
export const DEBOUNCE_MS = 2_000;

export interface AlarmsApi {
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): unknown;
  clear(name: string): unknown;
  get(name: string): Promise<unknown>;
}

export interface SyncClientDeps {
  db?: CvPathDb;
  /** `fetch` by default; tests pass the backend app's own `request`. */
  fetch?: Fetch;
  alarms?: AlarmsApi;
  /** Keeps the worker alive while a sync runs; returns the release. */
  keepAlive?: () => () => void;
  isOnline?: () => boolean;
  now?: () => number;
  random?: () => number;
  debounceMs?: number;
  log?: (message: string) => void;
}

/**
 * Why a sync may be due: a local change (debounced), a page opened or shown (pull what other devices did), the
 * network came back (retry at once), the periodic alarm, or the worker started.
 */
export type NudgeReason = 'change' | 'page' | 'online' | 'alarm' | 'start';

const iso = (ms: number) => new Date(ms).toISOString();
const active = (s: SyncStateRecord) => s.enabled && !!s.token;

/** The server URL as the user typed it, checked and without a trailing slash. */
export function normalizeServerUrl(raw: string): string {
  const t = raw.trim();
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new CvPathError('INPUT_INVALID', `"${t}" is not a web address.`, { hint: 'Enter the full address, for example http://localhost:8787.' });
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CvPathError('INPUT_INVALID', 'The server address must start with https:// or http://.', { hint: 'For example http://localhost:8787.' });
  if (u.username || u.password || u.search || u.hash) throw new CvPathError('INPUT_INVALID', 'The server address must not carry credentials, a query or a fragment.', { hint: 'Enter only the address, for example https://cvpath.example.com.' });
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

/**
 * The extension's sync service, in the background worker. Sync is opt-in: until the user signs in (or syncs as a
 * guest) and while sync is off, nothing leaves the device. When on, it syncs shortly after each local change, when a
 * page of the extension opens, every few minutes, and when the worker starts; while the server cannot be reached it
 * backs off exponentially with jitter, and tries again at once when the network returns.
 *
 * One thing at a time: a sync and a sign-in never interleave (a sign-in changes whose data the cursor follows).
 */
export class SyncClient {
  private readonly d: CvPathDb;
  private readonly now: () => number;
  private readonly debounceMs: number;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timerAt = Infinity;
  private inflight: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: SyncClientDeps = {}) {
    this.d = deps.db ?? defaultDb();
    this.now = deps.now ?? Date.now;
    this.debounceMs = deps.debounceMs ?? DEBOUNCE_MS;
  }

  /** On worker start: a sync the previous worker was running is not running any more; sync now if sync is on. */
  async start(): Promise<void> {
    const s = await updateSyncState(this.d, { syncing: false });
    if (!active(s)) {
      await this.deps.alarms?.clear(SYNC_ALARM);
      return;
    }
    await this.ensureAlarm();
    this.nudge('start');
  }

  /** Stops the timers (tests; a worker going away stops them anyway). */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
  }

  /** Something may need syncing. Nothing happens while sync is off. */
  nudge(reason: NudgeReason): void {
    this.plan(reason).catch((e: unknown) => this.log(`sync planning failed: ${message(e)}`));
  }

  /** The status the options page shows. */
  status(): Promise<SyncStatus> {
    return readSyncStatus(this.d, this.now());
  }

  /** "Sync now": at once, whatever the backoff; the error, if any, goes to the caller too. */
  async syncNow(): Promise<SyncStatus> {
    await this.exclusive(() => this.syncOnce(true));
    return this.status();
  }

  // ---- account ----

  signInAsGuest(): Promise<SyncStatus> {
    return this.adopt((api) => account.signInAsGuest(api));
  }

  /** Registers; a guest's data moves into the new account. */
  register(input: { email: string; password: string; name?: string }): Promise<SyncStatus> {
    return this.adopt((api, guest) => account.signUp(api, input, guest));
  }

  /** Signs in to an existing account; a guest's data joins it. */
  signIn(input: { email: string; password: string }): Promise<SyncStatus> {
    return this.adopt((api, guest) => account.signIn(api, input, guest));
  }

  /**
   * Signs out on the server and forgets the session here; sync turns off. The data stays on this device. When the
   * server cannot be told, the session is forgotten here all the same and the status says so.
   */
  signOut(): Promise<SyncStatus> {
    return this.exclusive(async () => {
      const s = await loadSyncState(this.d);
      let notice: SyncStateRecord['lastError'];
      if (s.token) {
        try {
          await account.signOut(this.api(s));
        } catch (e) {
          if (!(e instanceof ServerError && e.code === 'UNAUTHORIZED')) {
            notice = { code: 'SERVER_UNREACHABLE', message: 'Signed out on this device, but the server could not be told.', hint: 'The session stays valid there until it expires; revoke it from another signed-in device to end it now.' };
          }
        }
      }
      await this.signedOut({ ...(notice ? { lastError: notice } : {}) });
      return this.status();
    });
  }

  /** Mails a link to choose a new password; it opens the server's own reset page. */
  async requestPasswordReset(email: string): Promise<void> {
    const s = await loadSyncState(this.d);
    await account.requestPasswordReset(this.api({ ...s, token: undefined }), email);
  }

  /** Turns sync on or off, and sets the server's address (only while signed out: a session belongs to one server). */
  configure(change: { enabled?: boolean; serverUrl?: string }): Promise<SyncStatus> {
    return this.exclusive(async () => {
      const s = await loadSyncState(this.d);
      const patch: Partial<SyncStateRecord> = {};
      if (change.serverUrl !== undefined) {
        const url = normalizeServerUrl(change.serverUrl);
        if (url !== s.serverUrl && s.token) throw new CvPathError('INPUT_INVALID', 'Sign out before changing the server.', { hint: 'Your session belongs to the server you signed in to.' });
        patch.serverUrl = url;
      }
      if (change.enabled !== undefined) {
        if (change.enabled && !s.token) throw new CvPathError('UNAUTHORIZED', 'Sign in, or sync as a guest, to turn sync on.', { hint: 'Until then everything stays on this device.' });
        patch.enabled = change.enabled;
        if (change.enabled) Object.assign(patch, { failures: 0, nextAttemptAt: undefined, lastError: undefined });
      }
      const next = await updateSyncState(this.d, patch);
      if (active(next)) {
        await this.ensureAlarm();
        if (change.enabled) this.schedule(this.now());
      } else {
        await this.deps.alarms?.clear(SYNC_ALARM);
        this.cancelTimer();
      }
      return this.status();
    });
  }

  /** Forgets the list of changes the server refused (after the user read it). */
  async dismissRejected(): Promise<SyncStatus> {
    await updateSyncState(this.d, { rejected: [] });
    return this.status();
  }

  async sessions(): Promise<account.SessionView[]> {
    const s = await this.signedIn();
    return this.authed(s, (api) => account.listSessions(api));
  }

  /** Signs one session out; revoking this device's own session signs this device out. */
  async revokeSession(sessionId: string): Promise<SyncStatus> {
    const s = await this.signedIn();
    const mine = (await this.authed(s, (api) => account.listSessions(api))).find((x) => x.current)?.id === sessionId;
    await this.authed(s, (api) => account.revokeSession(api, sessionId));
    if (mine) await this.exclusive(() => this.signedOut({}));
    return this.status();
  }

  /** The account and the devices that sync with it; the stored name and email follow the server's. */
  async account(): Promise<{ user: account.AccountUser; devices: account.DeviceView[] }> {
    const s = await this.signedIn();
    const a = await this.authed(s, (api) => account.getAccount(api, s.deviceId));
    await updateSyncState(this.d, (cur) => (cur.user?.id === a.user.id ? { user: a.user } : {}));
    return a;
  }

  async forgetDevice(deviceId: string): Promise<void> {
    const s = await this.signedIn();
    await this.authed(s, (api) => account.forgetDevice(api, deviceId));
  }

  // ---- scheduling ----

  private async plan(reason: NudgeReason): Promise<void> {
    const s = await loadSyncState(this.d);
    if (!active(s) || this.stopped) return;
    const now = this.now();
    if (reason === 'online') {
      // the network is back: whatever the backoff said, now is the time
      await updateSyncState(this.d, { failures: 0, nextAttemptAt: undefined });
      this.schedule(now);
      return;
    }
    const notBefore = s.nextAttemptAt ? Date.parse(s.nextAttemptAt) : 0;
    this.schedule(Math.max(now + (reason === 'change' ? this.debounceMs : 0), notBefore));
  }

  /** Plans a sync at `at`; an earlier one already planned stays (changes after it are picked up by it or the next). */
  private schedule(at: number): void {
    if (this.stopped || (this.timer !== undefined && this.timerAt <= at)) return;
    this.cancelTimer();
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      void this.sync();
    }, Math.max(0, at - this.now()));
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Infinity;
  }

  /** One automatic sync at a time; asked again meanwhile, it runs once more after (the changes made during this one). */
  private sync(): Promise<void> {
    if (this.inflight) {
      this.again = true;
      return this.inflight;
    }
    this.inflight = this.exclusive(() => this.syncOnce(false))
      .catch(() => {}) // recorded in the status; the backoff has planned the next attempt
      .finally(() => {
        this.inflight = undefined;
        if (this.again) {
          this.again = false;
          this.nudge('change');
        }
      });
    return this.inflight;
  }

  private async syncOnce(manual: boolean): Promise<void> {
    const s = await loadSyncState(this.d);
    if (!s.token) {
      if (manual) throw new CvPathError('UNAUTHORIZED', 'Sign in, or sync as a guest, to sync.', { hint: 'Until then everything stays on this device.' });
      return;
    }
    if (!s.enabled) {
      if (manual) throw new CvPathError('INPUT_INVALID', 'Sync is off.', { hint: 'Turn on “Sync this device” first.' });
      return;
    }
    if (!manual && !(this.deps.isOnline?.() ?? true)) {
      // nothing to try until the network returns (the "online" nudge); the periodic alarm checks again meanwhile
      await updateSyncState(this.d, { lastError: { code: 'SERVER_UNREACHABLE', message: 'This device is offline.', hint: 'Your changes are kept here and sync when the connection returns.' } });
      return;
    }
    const release = this.deps.keepAlive?.() ?? (() => {});
    await updateSyncState(this.d, { syncing: true, lastAttemptAt: iso(this.now()) });
    try {
      const store = new DexieSyncStore(this.d, s.deviceId);
      // changes the server refused are parked by the store (the status's `rejected`), not retried
      await new SyncEngine(store, httpTransport(this.api(s))).sync();
      if (store.skipped) this.log(`sync: ${store.skipped} pulled changes were not valid records and were left out`);
      await updateSyncState(this.d, { syncing: false, lastSyncAt: iso(this.now()), lastError: undefined, failures: 0, nextAttemptAt: undefined });
    } catch (e) {
      const err = asServerError(e);
      if (err.code === 'UNAUTHORIZED') {
        await this.signedOut({ lastError: { code: err.code, message: 'You were signed out of sync: the session expired or was revoked.', hint: 'Sign in again in Options → Account & sync. Your changes are kept on this device.' } }, true);
      } else {
        const failures = s.failures + 1;
        const next = this.now() + backoffDelay(failures, this.deps.random, err.retryAfterMs);
        await updateSyncState(this.d, { syncing: false, failures, nextAttemptAt: iso(next), lastError: err.toJSON() });
        this.schedule(next);
      }
      if (manual) throw err;
    } finally {
      release();
    }
  }

  // ---- helpers ----

  /** Signs in one way or another and makes that session this device's. */
  private adopt(signInWith: (api: Api, guestToken: string | undefined) => Promise<account.SignedIn>): Promise<SyncStatus> {
    return this.exclusive(async () => {
      const s = await loadSyncState(this.d);
      const guest = s.token && s.user?.isAnonymous ? s.token : undefined;
      const signed = await signInWith(this.api({ ...s, token: undefined }), guest);
      const owner = `${s.serverUrl} ${signed.user.id}`;
      const newOwner = s.cursorOwner !== owner;
      // another account (or server) than the one this device synced with: its whole history comes down from cursor 0,
      // and everything here goes up (the earlier account got this device's changes, the new one has none of them yet)
      if (newOwner && s.cursorOwner) await enqueueEverything(this.d);
      await updateSyncState(this.d, {
        token: signed.token, user: signed.user, enabled: true, failures: 0, lastError: undefined, nextAttemptAt: undefined,
        ...(newOwner ? { cursor: 0, cursorOwner: owner, rejected: [] } : {}),
      });
      await this.ensureAlarm();
      this.schedule(this.now());
      return this.status();
    });
  }

  private async signedOut(patch: Partial<SyncStateRecord>, keepEnabled = false): Promise<void> {
    await updateSyncState(this.d, {
      token: undefined, syncing: false, failures: 0, nextAttemptAt: undefined, lastError: undefined,
      // after an expired session the user may sign in again and go on; after signing out, nothing syncs until they do
      ...(keepEnabled ? {} : { user: undefined, enabled: false }),
      ...patch,
    });
    await this.deps.alarms?.clear(SYNC_ALARM);
    this.cancelTimer();
  }

  private async signedIn(): Promise<SyncStateRecord> {
    const s = await loadSyncState(this.d);
    if (!s.token) throw new CvPathError('UNAUTHORIZED', 'Sign in first.', { hint: 'Options → Account & sync.' });
    return s;
  }

  /** An account call with the session; a session the server no longer knows signs this device out. */
  private async authed<T>(s: SyncStateRecord, f: (api: Api) => Promise<T>): Promise<T> {
    try {
      return await f(this.api(s));
    } catch (e) {
      if (e instanceof ServerError && e.code === 'UNAUTHORIZED') {
        await this.exclusive(() => this.signedOut({ lastError: { code: e.code, message: 'You were signed out: the session expired or was revoked.', hint: 'Sign in again.' } }, true));
      }
      throw e;
    }
  }

  private api(s: Pick<SyncStateRecord, 'serverUrl' | 'token'>): Api {
    return createApi({ serverUrl: s.serverUrl, token: s.token, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) });
  }

  private async ensureAlarm(): Promise<void> {
    const alarms = this.deps.alarms;
    // an alarm that already exists keeps its schedule (creating it again would restart its period at every wake)
    if (alarms && !(await alarms.get(SYNC_ALARM))) await alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
  }

  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f);
    this.queue = run.catch(() => {});
    return run;
  }

  private log(m: string): void {
    (this.deps.log ?? ((x: string) => console.warn(x)))(m);
  }
}

function asServerError(e: unknown): ServerError {
  if (e instanceof ServerError) return e;
  if (isCvPathError(e)) return new ServerError(e.code, e.message, { ...(e.hint ? { hint: e.hint } : {}), retryable: true, cause: e });
  return new ServerError('INTERNAL', `Sync failed: ${message(e)}`, { hint: 'CVPath tries again on its own; if it keeps failing, reload the extension.', retryable: true, cause: e });
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
