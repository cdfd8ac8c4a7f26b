import { z } from 'zod';

/** ISO 8601 partial date as JSON Resume uses it: YYYY, YYYY-MM or YYYY-MM-DD. */
export const IsoPartialDate = z
  .string()
  .regex(/^[12]\d{3}(-[01]\d(-[0-3]\d)?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD');

/** A stable id given at import (`w1`, `w1h2`) that follows an entry or bullet through reordering and rewriting. */
export const Id = z.string().min(1).max(64);

export const Bullet = z.object({ id: Id, text: z.string() });
export type Bullet = z.infer<typeof Bullet>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
