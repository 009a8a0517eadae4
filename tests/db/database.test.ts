/**
 * The database suite, written once and run on every engine: PGlite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/index.ts';
import { pageFeedback } from '../../src/db/schema.ts';
import { countFeedbackForPage, saveFeedback, submitFeedback } from '../../src/feedback/index.ts';
import { databaseDrivers } from './drivers.ts';

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`database on ${driver.kind}`, () => {
    let database: Database;
    let reopen: () => Promise<Database>;
    let destroy: () => Promise<void>;

    beforeEach(async () => {
      ({ database, reopen, destroy } = await driver.create());
    });
    afterEach(async () => {
      await database.close();
      await destroy();
    });

    test('says which engine it is', () => {
      expect(database.kind).toBe(driver.kind);
    });

    test('reports migration level 0 before migrating, and the latest after', async () => {
      expect(await database.getMigrationLevel()).toEqual({ applied: 0, available: 7, latest: null });
      expect(await database.migrate()).toEqual({ applied: 7, available: 7, latest: '0006_two_step_passkeys_and_oidc' });
    });

    test('migrating twice changes nothing', async () => {
      await database.migrate();
      await saveFeedback(database.db, { pagePath: '/guides/safe-sleep', useful: true, comment: null });
      expect(await database.migrate()).toEqual({ applied: 7, available: 7, latest: '0006_two_step_passkeys_and_oidc' });
      expect(await countFeedbackForPage(database.db, '/guides/safe-sleep')).toBe(1);
    });

    test('stores feedback and counts it by page', async () => {
      await database.migrate();
      await saveFeedback(database.db, { pagePath: '/guides/safe-sleep', useful: true, comment: null });
      await saveFeedback(database.db, { pagePath: '/guides/safe-sleep', useful: false, comment: 'More on naps, please.' });
      await saveFeedback(database.db, { pagePath: '/stages/baby-month-2', useful: true, comment: null });
      expect(await countFeedbackForPage(database.db, '/guides/safe-sleep')).toBe(2);
      expect(await countFeedbackForPage(database.db, '/guides/other')).toBe(0);
      const rows = await database.db.select().from(pageFeedback).where(sql`${pageFeedback.comment} is not null`);
      expect(rows).toEqual([expect.objectContaining({ pagePath: '/guides/safe-sleep', useful: false, comment: 'More on naps, please.', createdAt: expect.any(Date) })]);
    });

    test('keeps what it stored when closed and opened again', async () => {
      await database.migrate();
      await saveFeedback(database.db, { pagePath: '/', useful: true, comment: null });
      await database.close();
      database = await reopen();
      expect(await database.getMigrationLevel()).toMatchObject({ applied: 7 });
      expect(await countFeedbackForPage(database.db, '/')).toBe(1);
    });

    test.each([
      ['a comment over 500 characters', { pagePath: '/', useful: true, comment: 'x'.repeat(501) }],
      ['a page path that is not on this site', { pagePath: 'https://evil.example/', useful: true, comment: null }],
    ])('the database itself refuses %s, without repeating it in the error', async (_name, row) => {
      await database.migrate();
      const attempt = saveFeedback(database.db, row);
      await expect(attempt).rejects.toMatchObject({ name: 'DatabaseError', message: 'The database could not save page feedback. Check that it is running and reachable.' });
      expect(await countFeedbackForPage(database.db, row.pagePath)).toBe(0);
    });

    test.each([
      ['an empty form', {}],
      ['no answer', { page: '/guides/safe-sleep' }],
      ['a 5,000-character comment', { page: '/guides/safe-sleep', useful: 'no', comment: 'z'.repeat(5000) }],
      ['an answer of the wrong type', { page: '/guides/safe-sleep', useful: '1' }],
      ['an email address in the comment', { page: '/guides/safe-sleep', useful: 'no', comment: 'mail me: a@b.co' }],
    ])('stores nothing for %s', async (_name, fields) => {
      await database.migrate();
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      const result = await submitFeedback(form, async () => database.db);
      expect(result.kind).not.toBe('saved');
      const [row] = await database.db.select({ total: sql<number>`count(*)::int` }).from(pageFeedback);
      expect(row?.total).toBe(0);
    });

    test('a valid form is stored exactly once', async () => {
      await database.migrate();
      const form = new FormData();
      form.append('page', '/guides/safe-sleep');
      form.append('useful', 'yes');
      expect(await submitFeedback(form, async () => database.db)).toEqual({ kind: 'saved', pagePath: '/guides/safe-sleep' });
      expect(await countFeedbackForPage(database.db, '/guides/safe-sleep')).toBe(1);
    });
  });
}
