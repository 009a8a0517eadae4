/**
 * The database schema, in Drizzle's PostgreSQL dialect. drizzle-kit generates the committed
 * migrations in `drizzle/` from this file (`npm run db:generate`).
 */
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Single-use tokens sent by email (verify an email address, reset a password). Only the SHA-256 of
 * the token is stored; a token is spent the moment it is used.
 */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('one_time_tokens_user_id_idx').on(table.userId), check('one_time_tokens_purpose', sql`${table.purpose} in ('verify-email', 'reset-password')`)],
);

/** A child's record or a pregnancy record. Its details arrive with the red book. */
export const records = pgTable(
  'records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('records_kind', sql`${table.kind} in ('child', 'pregnancy')`)],
);

/** Who can see and change a record, and how: owner, carer or viewer. */
export const recordCarers = pgTable(
  'record_carers',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => records.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.recordId, table.userId] }),
    index('record_carers_user_id_idx').on(table.userId),
    check('record_carers_role', sql`${table.role} in ('owner', 'carer', 'viewer')`),
  ],
);
