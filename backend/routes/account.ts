import { and, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth';
import type { DbHandle } from '../db/client';
import { devices, usage, users } from '../db/schema';
import { ApiError } from '../errors';
import { requireUser, type AuthEnv } from '../middleware/auth';
import { validate } from '../middleware/validate';
import type { RouteDocs } from '../openapi';

export const Account = z.object({
  user: z.object({ id: z.string(), email: z.string().nullable(), name: z.string(), isAnonymous: z.boolean() }),
  devices: z.array(z.object({ deviceId: z.string(), name: z.string(), lastSeenAt: z.string(), pushes: z.number().int(), pulls: z.number().int() })),
  usage: z.object({ runs: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int(), costMicros: z.number().int() }),
});
export type Account = z.infer<typeof Account>;

const DeleteAccount = z.object({ confirm: z.literal('delete my account') });

/** The caller's own account: who they are, the devices that sync, their usage; and deleting it with all its data. */
export function accountRoutes({ db, auth }: { db: DbHandle; auth: Auth }) {
  return new Hono<AuthEnv>()
    .use(requireUser(auth))
    .get('/', async (c) => {
      const me = c.var.user;
      const [deviceRows, [totals]] = await Promise.all([
        db.db.select().from(devices).where(eq(devices.userId, me.id)).orderBy(desc(devices.lastSeenAt)),
        db.db
          .select({
            runs: sql<number>`coalesce(sum(${usage.runs}), 0)::int`,
            inputTokens: sql<number>`coalesce(sum(${usage.inputTokens}), 0)::bigint`,
            outputTokens: sql<number>`coalesce(sum(${usage.outputTokens}), 0)::bigint`,
            costMicros: sql<number>`coalesce(sum(${usage.costMicros}), 0)::bigint`,
          })
          .from(usage)
          .where(eq(usage.userId, me.id)),
      ]);
      const body: Account = {
        user: { id: me.id, email: me.isAnonymous ? null : me.email, name: me.name, isAnonymous: me.isAnonymous },
        devices: deviceRows.map((d) => ({ deviceId: d.deviceId, name: d.name, lastSeenAt: d.lastSeenAt.toISOString(), pushes: d.pushes, pulls: d.pulls })),
        usage: { runs: Number(totals?.runs ?? 0), inputTokens: Number(totals?.inputTokens ?? 0), outputTokens: Number(totals?.outputTokens ?? 0), costMicros: Number(totals?.costMicros ?? 0) },
      };
      return c.json(body, 200);
    })
    .delete('/devices/:deviceId', async (c) => {
      const gone = await db.db.delete(devices).where(and(eq(devices.userId, c.var.user.id), eq(devices.deviceId, c.req.param('deviceId')))).returning();
      if (gone.length === 0) throw new ApiError('NOT_FOUND', 'No such device on this account.');
      return c.json({ deleted: true as const }, 200);
    })
    .post('/delete', validate('json', DeleteAccount), async (c) => {
      // every row of the user goes with it (foreign keys cascade); telemetry keeps only anonymous counts
      await db.db.transaction(async (tx) => {
        await tx.execute(sql`update analytics.events set user_id = null where user_id = ${c.var.user.id}`);
        await tx.delete(users).where(eq(users.id, c.var.user.id));
      });
      return c.json({ deleted: true as const }, 200);
    });
}

export const accountDocs: RouteDocs = {
  '/v1/account': { get: { summary: "The caller's account, devices and usage", tags: ['account'], responses: { 200: { description: 'The account', schema: Account }, 401: { description: 'No session', error: true } } } },
  '/v1/account/devices/{deviceId}': { delete: { summary: 'Forget a device', tags: ['account'], responses: { 200: { description: 'Forgotten' }, 404: { description: 'Not a device of this account', error: true } } } },
  '/v1/account/delete': {
    post: { summary: 'Delete the account and all its data', tags: ['account'], body: DeleteAccount, responses: { 200: { description: 'Deleted' }, 401: { description: 'No session', error: true } } },
  },
};
