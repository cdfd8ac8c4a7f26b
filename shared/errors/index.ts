/**
 * Errors are values with codes shared by the command line, the extension and the backend.
 * Every message tells the user what to do next.
 */
export const ERROR_CODES = [
  'INPUT_UNREADABLE',
  'INPUT_INVALID',
  'INPUT_TOO_LARGE',
  'CV_EMPTY',
  // documents in and out
  'NOT_A_PDF',
  'UNSUPPORTED_FORMAT',
  'PDF_NO_TEXT',
  'PDF_ENCRYPTED',
  'PDF_CORRUPT',
  'PDF_TRUNCATED',
  'PDF_TOO_MANY_PAGES',
  'DOCX_CORRUPT',
  'PARSE_TIMEOUT',
  'EXPORT_FAILED',
  'ROUND_TRIP_FAILED',
  'JOB_EMPTY',
  'PROVIDER_CONFIG',
  'PROVIDER_AUTH',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_UNAVAILABLE',
  'PROVIDER_TIMEOUT',
  'PROVIDER_BAD_OUTPUT',
  'PROVIDER_CIRCUIT_OPEN',
  'ABORTED',
  'STAGE_FAILED',
  // backend: the codes a request can end with
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'RATE_LIMITED',
  // sign-in, sign-up, reset or guest creation refused for a while: too many from one address, or wrong passwords for one account
  'TOO_MANY_ATTEMPTS',
  // the account stores as many synced records or bytes as it may
  'QUOTA_EXCEEDED',
  'DB_UNAVAILABLE',
  'MIGRATIONS_PENDING',
  'INTERNAL',
  // the extension's sync client: the server could not be reached (offline, not running, wrong address) or did not answer in time
  'SERVER_UNREACHABLE',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class CvPathError extends Error {
  readonly code: ErrorCode;
  /** What the user can do about it, in one sentence. */
  readonly hint: string | undefined;
  constructor(code: ErrorCode, message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CvPathError';
    this.code = code;
    this.hint = options?.hint;
  }
  toJSON(): { code: ErrorCode; message: string; hint?: string } {
    return this.hint ? { code: this.code, message: this.message, hint: this.hint } : { code: this.code, message: this.message };
  }
}

export function isCvPathError(e: unknown): e is CvPathError {
  return e instanceof CvPathError;
}

/** Removes anything that looks like an API key from a string before it is shown or logged. */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(sk-(?:ant-|proj-|or-)?[A-Za-z0-9_-]{8,})/g, '[redacted]')
    .replace(/\bAIza[0-9A-Za-z_-]{20,}/g, '[redacted]')
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, '$1[redacted]')
    .replace(/([?&](?:key|api_key|apikey)=)[^&\s"']+/gi, '$1[redacted]');
}
