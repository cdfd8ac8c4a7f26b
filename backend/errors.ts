import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { CvPathError, ERROR_CODES, type ErrorCode } from '../shared/errors';

/** What every failed request answers, whatever failed. */
export const ErrorBody = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), hint: z.string().optional() }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const STATUS_BY_CODE: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  VALIDATION_FAILED: 400,
  INPUT_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  INPUT_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  TOO_MANY_ATTEMPTS: 429,
  QUOTA_EXCEEDED: 413,
  PROVIDER_AUTH: 502,
  PROVIDER_RATE_LIMITED: 502,
  PROVIDER_UNAVAILABLE: 502,
  PROVIDER_TIMEOUT: 504,
  DB_UNAVAILABLE: 503,
  MIGRATIONS_PENDING: 503,
  INTERNAL: 500,
};

/** The HTTP status a code answers with; codes about the user's input that are not listed are 422. */
export function statusOf(code: ErrorCode): ContentfulStatusCode {
  return STATUS_BY_CODE[code] ?? 422;
}

/** The code a bare HTTP status stands for, when something other than our code (Hono, a middleware) chose the status. */
export function codeOfStatus(status: number): ErrorCode {
  if (status === 400) return 'VALIDATION_FAILED';
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return 'DB_UNAVAILABLE';
  return status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED';
}

/** An error a route throws on purpose; `app.onError` turns it into `{ error: { code, message } }` with its status. */
export class ApiError extends CvPathError {
  readonly status: ContentfulStatusCode;
  readonly headers: Record<string, string>;
  constructor(code: ErrorCode, message: string, options?: { hint?: string; cause?: unknown; status?: ContentfulStatusCode; headers?: Record<string, string> }) {
    super(code, message, options);
    this.name = 'ApiError';
    this.status = options?.status ?? statusOf(code);
    this.headers = options?.headers ?? {};
  }
}
