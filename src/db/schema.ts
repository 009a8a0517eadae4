/**
 * The database schema, in Drizzle's PostgreSQL dialect. drizzle-kit generates the committed
 * migrations in `drizzle/` from this file (`npm run db:generate`).
 */
import { boolean, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
