import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';
import { isCvPathError } from '../../shared/errors';
import { ApiError, codeOfStatus, statusOf, type ErrorBody } from '../errors';
import { describeError, type Logger } from '../logger';

/** The one place errors become responses: `{ error: { code, message } }`, the status from the code. */
export function errorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof ApiError) return reply(c, err.status, { error: err.toJSON() }, err.headers);
    if (isCvPathError(err)) return reply(c, statusOf(err.code), { error: err.toJSON() });
    if (err instanceof ZodError) {
      const first = err.issues[0];
      const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
      return reply(c, 400, { error: { code: 'VALIDATION_FAILED', message: `The request is not valid${where}: ${first?.message ?? 'unknown problem'}. Fix it and send it again.` } });
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own refusals (malformed JSON, a bad content type) say what is wrong but not what to do
      const what = err.message || 'The request could not be handled';
      return reply(c, err.status, { error: { code: codeOfStatus(err.status), message: `${what.replace(/\.$/, '')}. Fix the request and send it again.` } });
    }
    // Anything else is our fault: log it with the request id, and tell the user nothing about our internals. Its
    // message is not logged: a failed query's carries the query's parameters, the record's content among them.
    const requestId = c.get('requestId');
    logger.error('unhandled error', { requestId, method: c.req.method, ...describeError(err) });
    return reply(c, 500, { error: { code: 'INTERNAL', message: `Something went wrong on our side. Try again; if it keeps happening, report request ${requestId ?? 'id unknown'}.` } });
  };
}

export const notFound: NotFoundHandler = (c) =>
  reply(c, 404, { error: { code: 'NOT_FOUND', message: `There is nothing at ${c.req.method} ${c.req.path}. See /docs for the API.` } });

function reply(c: Context, status: number, body: ErrorBody, headers: Record<string, string> = {}): Response {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(body, status as 400);
}
