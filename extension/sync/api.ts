import { hc } from 'hono/client';
// the type only: no backend code reaches the extension's bundle
import type { AppType } from '../../backend/app';
import { errorOfResponse, unreachable } from './server-error';

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export interface ApiOptions {
  serverUrl: string;
  /** The session's bearer token, when signed in. */
  token?: string | undefined;
  /** `fetch` by default; tests pass the backend app's own `request`. */
  fetch?: Fetch;
  /** How long one request may take before it counts as unreachable. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * The backend as the extension calls it: the typed `hc<AppType>` client for the API, plain requests for better-auth's
 * routes (mounted as one wildcard, so untyped), one timeout for every request, and every failure turned into a
 * `ServerError` that says what to do.
 */
export function createApi({ serverUrl, token, fetch: baseFetch = (input, init) => fetch(input, init), timeoutMs = DEFAULT_TIMEOUT_MS }: ApiOptions) {
  const base = serverUrl.replace(/\/+$/, '');
  const timed: Fetch = (input, init) => baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
  const authHeaders = (t: string | undefined): Record<string, string> => (t ? { Authorization: `Bearer ${t}` } : {});
  const client = hc<AppType>(base, { fetch: timed, headers: () => authHeaders(token) });

  /** Sends, and returns the response only when it succeeded; everything else throws a ServerError. */
  async function call<R extends Response>(send: () => Promise<R>): Promise<R> {
    let res: R;
    try {
      res = await send();
    } catch (err) {
      throw unreachable(base, err);
    }
    if (!res.ok) throw await errorOfResponse(res, base);
    return res;
  }

  /** A better-auth route, as JSON; `as` sends another session's token (a guest's, so its data joins the account). */
  async function auth<T>(path: string, body?: unknown, as: string | undefined = token): Promise<{ data: T; res: Response }> {
    const res = await call(() =>
      timed(`${base}/api/auth/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { ...authHeaders(as), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
    );
    return { data: (await res.json()) as T, res };
  }

  return { serverUrl: base, client, call, auth };
}

export type Api = ReturnType<typeof createApi>;
