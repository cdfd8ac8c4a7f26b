import type { CvParseResult } from '../../shared/documents/import/parse-cv';
import type { JobPostingInput } from '../../shared/schema/job-posting';
import type { AdapterFailure } from '../../shared/sites/types';
import type { AccountUser, DeviceView, SessionView } from '../sync/account';
import type { NudgeReason } from '../sync/client';
import type { SyncStatus } from '../sync/state';

type None = Record<string, never>;

/** What the reader found on a page: the posting, which reader produced it, and the adapters that matched but failed. */
export interface PageReading {
  posting: JobPostingInput | null;
  via?: string;
  failures: AdapterFailure[];
}

/**
 * Every message between the extension's contexts, and the reply each one gets. One typed table instead of stringly
 * `{type}` objects: `send('run:start', …)` is checked against it at compile time.
 */
export interface Protocol {
  /** The content script read a posting: store it (deduplicated by content hash) and its application. */
  'job:save': { req: { posting: JobPostingInput }; res: { jobId: string; applicationId: string } };
  /** Start tailoring the active (or given) CV version to a stored job. Resolves once the run is started, not finished. */
  'run:start': { req: { jobId: string; cvVersionId?: string }; res: { runId: string } };
  /** The content script's adapters failed on a page that looked like a posting. */
  'adapter:failure': { req: { url: string; failures: AdapterFailure[] }; res: { ok: true } };
  /**
   * The page control's question on each address it sees: what shows a posting has rendered here (a selector), or null
   * when only JobPosting JSON-LD would. The worker answers from the board adapters, which the content script does not carry.
   */
  'page:probe': { req: { url: string }; res: { selector: string | null } };
  /** The page control was clicked: read the sender's page now, with the reader the worker injects into its tab. */
  'page:read': { req: Record<string, never>; res: PageReading };
  /** Read a tab's posting for the popup, with the same reader injected into it (activeTab on a page no board matches). */
  'tab:scrape': { req: { tabId: number }; res: PageReading };
  /** Open the dashboard, optionally on one run or application. */
  'dashboard:open': { req: { path?: string }; res: { ok: true } };
  /** What a page's content script may show: the user can turn the on-page control off in the options. */
  'page:config': { req: Record<string, never>; res: { showPageControl: boolean } };
  /**
   * Read a CV's text for the review step: through the user's providers when there are any (the worker alone holds
   * decrypted keys), with the offline reading as fallback and second opinion.
   */
  'cv:parse': { req: { text: string }; res: CvParseResult };
  /** Open the options page (from a page control that found no master CV). */
  'options:open': { req: Record<string, never>; res: { ok: true } };

  // Sync and the account (issue 5). Only the extension's own pages may send these; the worker makes every request.
  /** A page saw a reason to sync: it changed data, opened or came back into view, or the network returned. */
  'sync:nudge': { req: { reason: Extract<NudgeReason, 'change' | 'page' | 'online'> }; res: { ok: true } };
  /** "Sync now": resolves when done, or with the error that stopped it. */
  'sync:now': { req: None; res: SyncStatus };
  /** Turn sync on or off, or set the server's address (only while signed out). */
  'sync:configure': { req: { enabled?: boolean; serverUrl?: string }; res: SyncStatus };
  /** The user read the list of changes the server refused. */
  'sync:dismiss-rejected': { req: None; res: SyncStatus };
  'account:guest': { req: None; res: SyncStatus };
  /** Register; a guest's data joins the new account. */
  'account:register': { req: { email: string; password: string; name?: string }; res: SyncStatus };
  /** Sign in to an existing account; a guest's data joins it. */
  'account:sign-in': { req: { email: string; password: string }; res: SyncStatus };
  'account:sign-out': { req: None; res: SyncStatus };
  'account:forgot-password': { req: { email: string }; res: { ok: true } };
  /** Who is signed in, the devices that sync with the account and its sessions (never their tokens). */
  'account:get': { req: None; res: { user: AccountUser; devices: DeviceView[]; sessions: SessionView[] } };
  'account:revoke-session': { req: { sessionId: string }; res: SyncStatus };
  'account:forget-device': { req: { deviceId: string }; res: { ok: true } };
}

export type MessageType = keyof Protocol;
export type Req<T extends MessageType> = Protocol[T]['req'];
export type Res<T extends MessageType> = Protocol[T]['res'];
export interface Envelope<T extends MessageType = MessageType> {
  cvpath: 1;
  type: T;
  data: Req<T>;
}
/** Replies carry either the result or an error that says what to do next. */
export type Reply<T extends MessageType> = { ok: true; data: Res<T> } | { ok: false; error: { code: string; message: string; hint?: string } };

/** Port name a page or content script connects on to follow one run: `run:<runId>`. Each message is a RunTaskRecord. */
export const RUN_PORT_PREFIX = 'run:';
