import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../errors';

/**
 * `zValidator` with the shared error shape: a request that does not match the zod schema (from `shared/`) is refused
 * with VALIDATION_FAILED naming the first problem, and the handler gets the parsed value typed by the schema.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const first = result.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    throw new ApiError('VALIDATION_FAILED', `The request ${target} is not valid${where}: ${first?.message ?? 'unknown problem'}. Fix it and send it again.`);
  });
}
