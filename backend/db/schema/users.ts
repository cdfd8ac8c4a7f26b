import { boolean, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Everyone who syncs: anonymous guests (no email) and registered users. The columns follow better-auth's user model
 * (name, email, emailVerified, image; isAnonymous from its anonymous plugin) so the auth issue can point it at this table.
 */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull().default(''),
  email: text('email').unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  isAnonymous: boolean('is_anonymous').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
export type UserRow = typeof users.$inferSelect;
