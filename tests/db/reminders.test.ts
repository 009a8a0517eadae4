/**
 * The weekly email on every engine: chosen per carer and record, sent exactly once a week (even by two
 * runs at once), never about a closed record or to someone who no longer shares it, and tried again
 * after a failure. It says what the home page's card says.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { createDatasetSource, parseDatasetNdjson } from '../../src/content/dataset.ts';
import type { Database } from '../../src/db/index.ts';
import { recordCarers, reminderDeliveries } from '../../src/db/schema.ts';
import type { EmailMessage } from '../../src/email/mailer.ts';
import { createRecord } from '../../src/records/access.ts';
import { saveRecordDetails } from '../../src/red-book/entries.ts';
import { recordChildDied } from '../../src/red-book/outcomes.ts';
import { findWeekStart, hasWeeklyEmail, sendWeeklyEmails, setWeeklyEmail, type ReminderServices } from '../../src/reminders/index.ts';
import { buildThisWeekCard, listHomeRecords } from '../../src/timeline/card.ts';
import { createPeople, databaseDrivers } from './drivers.ts';

const source = createDatasetSource(parseDatasetNdjson(readFileSync('studio/data/production.ndjson', 'utf8')));

describe('findWeekStart', () => {
  test.each([
    ['a Monday is its own week start', '2026-11-23', '2026-11-23'],
    ['a Wednesday', '2026-11-25', '2026-11-23'],
    ['a Sunday belongs to the week before', '2026-11-29', '2026-11-23'],
    ['across a year end', '2027-01-01', '2026-12-28'],
    ['across the clock change', '2026-10-25', '2026-10-19'],
  ])('%s', (_case, day, monday) => {
    expect(findWeekStart(day)).toBe(monday);
  });
});

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`weekly emails on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    const people = { owner: '', carer: '', viewer: '', otherFamily: '', unconfirmed: '' };
    let recordId = '';
    const sent: EmailMessage[] = [];
    let failNext = false;
    let now = new Date('2026-11-25T08:00:00Z');
    const services = (): ReminderServices => ({
      db: database.db,
      source,
      siteUrl: 'http://localhost:4321',
      now: () => now,
      mailer: {
        send: async (message) => {
          if (failNext) {
            failNext = false;
            throw new Error('The mail server did not answer');
          }
          sent.push(message);
        },
      },
    });

    beforeAll(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      await createPeople(database.db, people, ['unconfirmed']);
      recordId = await createRecord(database.db, people.owner, 'child', 'Lily');
      await database.db.insert(recordCarers).values([
        { recordId, userId: people.carer, role: 'carer' },
        { recordId, userId: people.viewer, role: 'viewer' },
        { recordId, userId: people.unconfirmed, role: 'viewer' },
      ]);
      await saveRecordDetails(database.db, {
        userId: people.owner,
        recordId,
        details: { dateOfBirth: '2026-09-01', sex: 'female', nhsNumber: null, gestationAtBirth: { weeks: 40, days: 0 }, birthWeightKg: null, birthLengthCm: null, birthHeadCircumferenceCm: null, placeOfBirth: null, healthProblems: null, familyHistory: null },
      });
    });
    afterAll(async () => {
      await database.close();
      await destroy();
    });

    test('anyone who shares the record chooses for themselves; a second family cannot', async () => {
      for (const person of [people.owner, people.viewer, people.unconfirmed]) expect(await setWeeklyEmail(database.db, { userId: person, recordId, wanted: true })).toEqual({ ok: true });
      expect(await setWeeklyEmail(database.db, { userId: people.otherFamily, recordId, wanted: true })).toEqual({ ok: false, reason: 'not-found' });
      expect(await hasWeeklyEmail(database.db, people.owner, recordId)).toBe(true);
      expect(await hasWeeklyEmail(database.db, people.carer, recordId)).toBe(false);
      expect(await hasWeeklyEmail(database.db, people.otherFamily, recordId)).toBe(false);
    });

    test('two runs at once send each email exactly once; a later run that week sends nothing; it says what the home page says', async () => {
      const [first, second] = await Promise.all([sendWeeklyEmails(services()), sendWeeklyEmails(services())]);
      expect((first?.sent ?? 0) + (second?.sent ?? 0)).toBe(2);
      expect(sent.map((message) => message.to).sort()).toEqual(['owner@example.com', 'viewer@example.com']);
      expect(await sendWeeklyEmails(services())).toMatchObject({ week: '2026-11-23', sent: 0 });
      const card = await buildThisWeekCard(database.db, source, people.owner, recordId, '2026-11-25');
      const email = sent.find((message) => message.to === 'owner@example.com');
      expect(email?.subject).toBe('Your weekly update from First 1,001 days');
      expect(email?.subject).not.toContain('Lily');
      expect(email?.text).toContain(`This week: Lily is ${card?.where}.`);
      expect(email?.text).toContain(card?.stage?.title ?? 'no stage');
      for (const item of card?.due ?? []) expect(email?.text).toContain(item.name);
      expect(email?.text).toContain(`http://localhost:4321/record/${recordId}/reminders`);
    });

    test('the home page lists each shared record with the same card, in two queries; a second family gets none of them', async () => {
      const mine = await listHomeRecords(database.db, source, people.viewer, '2026-11-25');
      expect(mine.map((record) => [record.name, record.role])).toEqual([['Lily', 'viewer']]);
      expect(mine[0]?.card).toEqual(await buildThisWeekCard(database.db, source, people.viewer, recordId, '2026-11-25'));
      expect(await listHomeRecords(database.db, source, people.otherFamily, '2026-11-25')).toEqual([]);
    });

    test('the next week it goes again; a failed send is tried again by the next run', async () => {
      sent.length = 0;
      now = new Date('2026-12-01T08:00:00Z');
      failNext = true;
      const failed = await sendWeeklyEmails(services());
      expect(failed).toMatchObject({ week: '2026-11-30', sent: 1, failed: 1 });
      const retried = await sendWeeklyEmails(services());
      expect(retried).toMatchObject({ sent: 1, failed: 0 });
      expect(sent.map((message) => message.to).sort()).toEqual(['owner@example.com', 'viewer@example.com']);
    });

    test('someone who stops sharing the record gets nothing more about it', async () => {
      sent.length = 0;
      now = new Date('2026-12-08T08:00:00Z');
      await database.db.delete(recordCarers).where(eq(recordCarers.userId, people.viewer));
      await sendWeeklyEmails(services());
      expect(sent.map((message) => message.to)).toEqual(['owner@example.com']);
    });

    test('nothing is ever sent about a record once it is closed, and no one can choose the email for it', async () => {
      sent.length = 0;
      now = new Date('2026-12-15T08:00:00Z');
      expect(await recordChildDied(database.db, { userId: people.owner, childId: recordId, on: '2026-12-14' })).toEqual({ ok: true });
      expect(await sendWeeklyEmails(services())).toMatchObject({ considered: 0, sent: 0 });
      expect(sent).toEqual([]);
      expect(await setWeeklyEmail(database.db, { userId: people.carer, recordId, wanted: true })).toEqual({ ok: false, reason: 'record-closed' });
      const deliveries = await database.db.select().from(reminderDeliveries).where(eq(reminderDeliveries.week, '2026-12-14'));
      expect(deliveries).toEqual([]);
    });
  });
}
