/**
 * A carer's private calendar feed (iCalendar, RFC 5545, built with ical-generator): the vaccines and
 * health reviews still to come for every open child and pregnancy record they share, each with what to do.
 * The feed's address holds a secret: only its SHA-256 is stored, and making a new one stops the old.
 * Children appear by first name or initials only, as the carer chooses.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import ical, { ICalCalendarMethod } from 'ical-generator';
import { addDays, type IsoDate } from '../dates/index.ts';
import type { PortalDatabase } from '../db/index.ts';
import { calendarFeeds } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { listAccessibleRecords } from '../records/access.ts';
import { readChildDetails } from '../red-book/child-details.ts';
import { listEntries, readRecord } from '../red-book/entries.ts';
import { assessChildReviews } from '../red-book/health-reviews.ts';
import { assessChildImmunisations, findDoseDate } from '../red-book/immunisations.ts';
import { listPregnancyDueItems, readPregnancyDetails } from '../red-book/pregnancy.ts';
import { vaccineNames } from '../immunisation/vaccine-names.ts';
import { findAntenatalContact } from '../timeline/index.ts';

/** How a child is named in the feed. */
export type CalendarNameStyle = 'first-name' | 'initials';

/** Overdue items stay in the feed this long after their date, so they are not lost from view at once. */
export const calendarPastDays = 28;

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/** Makes (or remakes) the person's feed and returns its secret, shown once. Any earlier address stops working. */
export async function createCalendarFeed(db: PortalDatabase, input: { userId: string; nameStyle: CalendarNameStyle; randomBytes: (length: number) => Uint8Array }): Promise<string> {
  const token = encodeBase32LowerCaseNoPadding(input.randomBytes(20));
  try {
    await db
      .insert(calendarFeeds)
      .values({ userId: input.userId, tokenHash: hashToken(token), nameStyle: input.nameStyle })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: hashToken(token), nameStyle: input.nameStyle, createdAt: new Date() } });
    return token;
  } catch (error) {
    throw new DatabaseError('make a calendar feed', { cause: error });
  }
}

/** Stops the person's feed. */
export async function deleteCalendarFeed(db: PortalDatabase, userId: string): Promise<void> {
  try {
    await db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId));
  } catch (error) {
    throw new DatabaseError('stop a calendar feed', { cause: error });
  }
}

/** The person's feed settings, or null when they have none. */
export async function readCalendarSettings(db: PortalDatabase, userId: string): Promise<{ readonly nameStyle: CalendarNameStyle; readonly createdAt: Date } | null> {
  try {
    const [row] = await db.select({ nameStyle: calendarFeeds.nameStyle, createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
    return row ? { nameStyle: row.nameStyle as CalendarNameStyle, createdAt: row.createdAt } : null;
  } catch (error) {
    throw new DatabaseError('read calendar settings', { cause: error });
  }
}

/** Whose feed a secret opens, or null. A malformed secret never reaches the database. */
export async function findCalendarFeed(db: PortalDatabase, token: string): Promise<{ readonly userId: string; readonly nameStyle: CalendarNameStyle } | null> {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  try {
    const [row] = await db.select({ userId: calendarFeeds.userId, nameStyle: calendarFeeds.nameStyle }).from(calendarFeeds).where(eq(calendarFeeds.tokenHash, hashToken(token)));
    return row ? { userId: row.userId, nameStyle: row.nameStyle as CalendarNameStyle } : null;
  } catch (error) {
    throw new DatabaseError('open a calendar feed', { cause: error });
  }
}

/** A name as the feed shows it: the first word, or initials ("Ada Rose" → "A.R."). */
export function nameForCalendar(name: string, style: CalendarNameStyle): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (style === 'first-name') return words[0] ?? '';
  return words.map((word) => `${[...word][0]?.toUpperCase() ?? ''}.`).join('');
}

/** One item in the feed. */
export interface CalendarItem {
  /** Stable across downloads, so calendar apps update an item rather than add it twice. */
  readonly uid: string;
  readonly on: IsoDate;
  readonly summary: string;
  readonly description: string;
}

/** The items for everything the person shares and is still open, from `calendarPastDays` ago on. */
export async function listCalendarItems(db: PortalDatabase, userId: string, nameStyle: CalendarNameStyle, today: IsoDate): Promise<CalendarItem[]> {
  const from = addDays(today, -calendarPastDays);
  const items: CalendarItem[] = [];
  for (const shared of await listAccessibleRecords(db, userId)) {
    // Each record through the access check, like every other read of a family's data.
    const record = await readRecord(db, userId, shared.recordId);
    if (!record.ok || record.status !== 'open') continue;
    const who = shared.kind === 'child' ? nameForCalendar(shared.name, nameStyle) : 'Pregnancy';
    if (shared.kind === 'child') {
      const child = readChildDetails(record.details);
      const listed = child ? await listEntries(db, userId, shared.recordId) : null;
      if (!child || !listed?.ok) continue;
      for (const dose of assessChildImmunisations(child, listed.entries.filter((entry) => entry.kind === 'immunisation'), today).doses) {
        if (dose.status === 'given' || dose.status === 'no longer offered' || dose.canBeGivenFrom === null) continue;
        const on = findDoseDate(dose);
        if (on < from) continue;
        items.push({ uid: `${shared.recordId}-${dose.vaccine}-${dose.dose}@first-1001-days`, on, summary: `${who}: ${vaccineNames[dose.vaccine]} vaccine (dose ${dose.dose}) due`, description: 'Contact your GP surgery to book, if they have not contacted you.' });
      }
      for (const review of assessChildReviews(child, listed.entries.filter((entry) => entry.kind === 'health-review'), today)) {
        if (review.status === 'done' || review.opensOn < from) continue;
        items.push({ uid: `${shared.recordId}-${review.code}@first-1001-days`, on: review.opensOn, summary: `${who}: ${review.name}`, description: 'Your health visiting team should contact you. If they have not, contact them.' });
      }
    } else {
      const pregnancy = readPregnancyDetails(record.details);
      const listed = pregnancy ? await listEntries(db, userId, shared.recordId, 'health-review') : null;
      if (!pregnancy || !listed?.ok) continue;
      for (const item of listPregnancyDueItems(pregnancy, today, { antenatalContactOn: findAntenatalContact(listed.entries) })) {
        if (item.code === 'flu-vaccine' || item.from < from) continue;
        items.push({ uid: `${shared.recordId}-${item.code}@first-1001-days`, on: item.from, summary: `${who}: ${item.name}`, description: `${item.nextStep}.` });
      }
    }
  }
  return items.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.summary.localeCompare(b.summary)));
}

/** The feed as iCalendar text: one all-day event per item. */
export function writeICalendar(items: readonly CalendarItem[], now: Date): string {
  const calendar = ical({ name: 'First 1,001 days: vaccines and reviews', prodId: { company: 'First 1,001 days', product: 'red book', language: 'EN' }, method: ICalCalendarMethod.PUBLISH, ttl: 60 * 60 * 12 });
  for (const item of items) {
    calendar.createEvent({ id: item.uid, start: new Date(`${item.on}T00:00:00Z`), allDay: true, summary: item.summary, description: item.description, stamp: now });
  }
  return calendar.toString();
}
