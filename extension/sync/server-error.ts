import { CvPathError, ERROR_CODES, type ErrorCode } from '../../shared/errors';

/** How to start the backend on one's own machine, for every "cannot reach it" message. */
export const START_HINT = 'Start the backend with npm start in the CVPath folder, or check the server address in Options → Account & sync.';

/**
 * A failed call to the sync server, with what the client needs to decide what next: whether trying again later can
 * help (offline, server down or busy), and how long the server asked to wait.
 */
export class ServerError extends CvPathError {
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(code: ErrorCode, message: string, options: { hint?: string; status?: number; retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {}) {
    super(code, message, { ...(options.hint ? { hint: options.hint } : {}), ...(options.cause !== undefined ? { cause: options.cause } : {}) });
    this.name = 'ServerError';
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** A request that never got an answer: the device is offline, the server is not running there, or it took too long. */
export function unreachable(serverUrl: string, err: unknown): ServerError {
  const timedOut = err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError');
  const message = timedOut ? `The sync server at ${serverUrl} did not answer in time.` : `The sync server at ${serverUrl} cannot be reached.`;
  const hint = timedOut ? 'Check your connection; CVPath tries again on its own.' : `Check your connection. ${START_HINT}`;
  return new ServerError('SERVER_UNREACHABLE', message, { hint, retryable: true, cause: err });
}

/** better-auth answers `{ code, message }` in its own words; these say what to do next. */
const AUTH_ERRORS: Record<string, { code: ErrorCode; message: string; hint: string }> = {
  INVALID_EMAIL_OR_PASSWORD: { code: 'UNAUTHORIZED', message: 'The email or password is wrong.', hint: 'Check both, or use “Forgot password?” to choose a new password.' },
  USER_ALREADY_EXISTS: { code: 'CONFLICT', message: 'An account with this email already exists.', hint: 'Sign in with it instead, or use “Forgot password?”.' },
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: { code: 'CONFLICT', message: 'An account with this email already exists.', hint: 'Sign in with it instead, or use “Forgot password?”.' },
  PASSWORD_TOO_SHORT: { code: 'INPUT_INVALID', message: 'The password is too short.', hint: 'Use at least 10 characters.' },
  PASSWORD_TOO_LONG: { code: 'INPUT_INVALID', message: 'The password is too long.', hint: 'Use at most 256 characters.' },
  INVALID_EMAIL: { code: 'INPUT_INVALID', message: 'That is not an email address.', hint: 'Check the address, for example ada@example.com.' },
};

const HINTS: Partial<Record<ErrorCode, string>> = {
  UNAUTHORIZED: 'Sign in again in Options → Account & sync.',
  FORBIDDEN: 'Use the CVPath extension itself to sign in and sync.',
  RATE_LIMITED: 'Wait a minute; CVPath tries again on its own.',
  DB_UNAVAILABLE: 'The server’s database is not available. Try again in a few minutes; CVPath retries on its own.',
  MIGRATIONS_PENDING: 'The server is being upgraded. Try again in a few minutes.',
  INTERNAL: 'Try again later; CVPath retries on its own. If it keeps failing, the server’s log says why.',
  VALIDATION_FAILED: 'Update the extension and the server to the same version.',
};

function retryAfter(res: Response): number | undefined {
  const v = res.headers.get('retry-after');
  if (!v) return undefined;
  const seconds = Number(v);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The error a failed response stands for: our API's `{ error: { code, message, hint } }`, better-auth's, or a bare status. */
export async function errorOfResponse(res: Response, serverUrl: string): Promise<ServerError> {
  const body = (await res.json().catch(() => undefined)) as { error?: { code?: unknown; message?: unknown; hint?: unknown }; code?: unknown; message?: unknown } | undefined;
  const status = res.status;
  const retryable = status === 408 || status === 429 || status >= 500;
  const base = { status, retryable, ...(retryAfter(res) !== undefined ? { retryAfterMs: retryAfter(res) } : {}) };
  const ours = body?.error;
  if (ours && typeof ours.code === 'string' && (ERROR_CODES as readonly string[]).includes(ours.code) && typeof ours.message === 'string') {
    const code = ours.code as ErrorCode;
    const hint = typeof ours.hint === 'string' ? ours.hint : HINTS[code];
    return new ServerError(code, ours.message, { ...base, ...(hint ? { hint } : {}) });
  }
  const auth = typeof body?.code === 'string' ? AUTH_ERRORS[body.code] : undefined;
  if (auth) return new ServerError(auth.code, auth.message, { ...base, hint: auth.hint });
  if (typeof body?.code === 'string' && typeof body.message === 'string') {
    return new ServerError(status === 401 ? 'UNAUTHORIZED' : status >= 500 ? 'INTERNAL' : 'INPUT_INVALID', body.message.replace(/^\[[^\]]+\]\s*/, ''), { ...base, hint: status >= 500 ? HINTS.INTERNAL! : 'Check what you typed and try again.' });
  }
  if (!body) {
    // not JSON: something else answers at this address
    return new ServerError(status >= 500 ? 'INTERNAL' : 'NOT_FOUND', `The server at ${serverUrl} answered ${status}, not like a CVPath server.`, { ...base, hint: START_HINT });
  }
  return new ServerError(status >= 500 ? 'INTERNAL' : 'INPUT_INVALID', `The sync server answered ${status}.`, { ...base, hint: HINTS.INTERNAL! });
}
