/**
 * The database schema, in Drizzle's PostgreSQL dialect. drizzle-kit generates the committed
 * migrations in `drizzle/` from this file (`npm run db:generate`).
 */
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Answers to "Is this page useful?". No personal data is asked for: the page path, yes or no,
 * and an optional comment. Nothing links an answer to a person or a session.
 */
export const pageFeedback = pgTable(
  'page_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pagePath: text('page_path').notNull(),
    useful: boolean('useful').notNull(),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('page_feedback_page_path_idx').on(table.pagePath, table.createdAt),
    check('page_feedback_comment_length', sql`char_length(${table.comment}) <= 500`),
    check('page_feedback_page_path_shape', sql`${table.pagePath} like '/%' and char_length(${table.pagePath}) <= 200`),
  ],
);

/**
 * People with an account. Emails are stored lower-cased so one address is one account; the password
 * is stored only as an argon2id hash.
 */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  passwordHash: text('password_hash').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Signed-in sessions, the way Lucia's guide builds them: the id is the SHA-256 of the random token in
 * the cookie, so a copy of this table cannot be used to sign in.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

/**
 * Attempts counted per key (an account or an address, hashed) in fixed windows, in the database so the
 * limits hold across server instances.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  attempts: integer('attempts').notNull(),
});
