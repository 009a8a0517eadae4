/**
 * The private calendar feed on every engine: a secret per carer (only its hash stored, a new one stops the
 * old), the vaccines and reviews still to come for what they share and nothing else, names as the carer
 * chooses, and valid iCalendar (parsed back with ical.js).
 */
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { calendarFeeds, recordCarers } from '../../src/db/schema.ts';
import { createRecord } from '../../src/records/access.ts';
import { saveRecordDetails } from '../../src/red-book/entries.ts';
import { recordPregnancyLoss } from '../../src/red-book/outcomes.ts';
import { createCalendarFeed, deleteCalendarFeed, findCalendarFeed, listCalendarItems, nameForCalendar, writeICalendar } from '../../src/reminders/calendar.ts';
import { createPeople, databaseDrivers } from './drivers.ts';

const randomBytes = (length: number) => crypto.getRandomValues(new Uint8Array(length));
const today = '2026-11-25';

describe('nameForCalendar', () => {
  test.each([
    ['Ada', 'first-name', 'Ada'],
    ['Ada Rose', 'first-name', 'Ada'],
    ['  ada  rose  ', 'initials', 'A.R.'],
    ['Zoë', 'initials', 'Z.'],
    ['Ólafur Björn Jónsson', 'initials', 'Ó.B.J.'],
  ] as const)('"%s" by %s is "%s"', (name, style, shown) => {
    expect(nameForCalendar(name, style)).toBe(shown);
  });
});

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`calendar feeds on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    const people = { parent: '', grandparent: '', otherFamily: '' };
    let childId = '';

    beforeAll(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      await createPeople(database.db, people);
      childId = await createRecord(database.db, people.parent, 'child', 'Nia Grace');
      await database.db.insert(recordCarers).values({ recordId: childId, userId: people.grandparent, role: 'viewer' });
      await saveRecordDetails(database.db, {
        userId: people.parent,
        recordId: childId,
        details: { dateOfBirth: '2026-10-01', sex: 'female', nhsNumber: null, gestationAtBirth: { weeks: 40, days: 0 }, birthWeightKg: null, birthLengthCm: null, birthHeadCircumferenceCm: null, placeOfBirth: null, healthProblems: null, familyHistory: null },
      });
      const theirs = await createRecord(database.db, people.otherFamily, 'child', 'Otto');
      await saveRecordDetails(database.db, {
        userId: people.otherFamily,
        recordId: theirs,
        details: { dateOfBirth: '2026-08-01', sex: 'male', nhsNumber: null, gestationAtBirth: { weeks: 40, days: 0 }, birthWeightKg: null, birthLengthCm: null, birthHeadCircumferenceCm: null, placeOfBirth: null, healthProblems: null, familyHistory: null },
      });
    });
    afterAll(async () => {
      await database.close();
      await destroy();
    });

    test('only the secret\'s hash is stored; a new secret stops the old; a malformed one never reaches the database', async () => {
      const first = await createCalendarFeed(database.db, { userId: people.parent, nameStyle: 'first-name', randomBytes });
      expect(first).toMatch(/^[a-z2-7]{32}$/);
      const stored = await database.db.select().from(calendarFeeds);
      expect(JSON.stringify(stored)).not.toContain(first);
      expect(await findCalendarFeed(database.db, first)).toEqual({ userId: people.parent, nameStyle: 'first-name' });
      const second = await createCalendarFeed(database.db, { userId: people.parent, nameStyle: 'initials', randomBytes });
      expect(await findCalendarFeed(database.db, first)).toBeNull();
      expect(await findCalendarFeed(database.db, second)).toEqual({ userId: people.parent, nameStyle: 'initials' });
      for (const bad of ['', 'x', `${second}a`, "' or 1=1 --", second.toUpperCase()]) expect(await findCalendarFeed(database.db, bad)).toBeNull();
      await deleteCalendarFeed(database.db, people.parent);
      expect(await findCalendarFeed(database.db, second)).toBeNull();
    });

    test('a feed lists the vaccines and reviews to come for what the carer shares, by first name or initials, and nothing of another family', async () => {
      const byName = await listCalendarItems(database.db, people.grandparent, 'first-name', today);
      expect(byName.length).toBeGreaterThan(3);
      expect(byName.every((item) => item.summary.startsWith('Nia: '))).toBe(true);
      expect(byName.map((item) => item.summary)).toEqual(expect.arrayContaining(['Nia: 6-in-1 vaccine (dose 1) due', 'Nia: 6 to 8 week review']));
      expect(byName.find((item) => item.summary === 'Nia: 6-in-1 vaccine (dose 1) due')).toMatchObject({ on: '2026-11-26', description: 'Contact your GP surgery to book, if they have not contacted you.' });
      const byInitials = await listCalendarItems(database.db, people.grandparent, 'initials', today);
      expect(byInitials.every((item) => item.summary.startsWith('N.G.: '))).toBe(true);
      expect(JSON.stringify(byInitials)).not.toContain('Nia');
      const theirs = await listCalendarItems(database.db, people.otherFamily, 'first-name', today);
      expect(theirs.every((item) => item.summary.startsWith('Otto: '))).toBe(true);
      expect(JSON.stringify(theirs)).not.toContain('Nia');
    });

    test('the iCalendar parses, with one all-day event per item on the right date and stable ids', async () => {
      const items = await listCalendarItems(database.db, people.parent, 'first-name', today);
      const text = writeICalendar(items, new Date('2026-11-25T09:00:00Z'));
      const calendar = new ICAL.Component(ICAL.parse(text));
      const events = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
      expect(events.map((event) => [event.uid, event.summary, event.startDate.toString(), event.startDate.isDate])).toEqual(items.map((item) => [item.uid, item.summary, item.on, true]));
      expect(text).toMatch(/^BEGIN:VCALENDAR\r\nVERSION:2\.0\r\n/);
      expect(writeICalendar(items, new Date('2026-11-26T09:00:00Z')).replace(/DTSTAMP:\S+/g, '')).toBe(text.replace(/DTSTAMP:\S+/g, ''));
    });

    test('a closed record leaves the feed at once', async () => {
      const pregnancyId = await createRecord(database.db, people.parent, 'pregnancy', 'Bump');
      await saveRecordDetails(database.db, { userId: people.parent, recordId: pregnancyId, details: { dueDate: '2027-03-01' } });
      expect((await listCalendarItems(database.db, people.parent, 'first-name', today)).some((item) => item.summary.startsWith('Pregnancy: '))).toBe(true);
      await recordPregnancyLoss(database.db, { userId: people.parent, pregnancyId, on: today });
      expect((await listCalendarItems(database.db, people.parent, 'first-name', today)).some((item) => item.summary.startsWith('Pregnancy: '))).toBe(false);
    });
  });
}
