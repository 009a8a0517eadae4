/**
 * Reminders: the weekly email a carer can choose for each child or pregnancy they share. It says what the
 * signed-in home's card says (the same builder). Each email goes exactly once a week: a run claims it by
 * inserting its row in `reminder_deliveries` (a unique key), and only the run whose insert wins sends it.
 * Nothing is ever sent about a closed record: the claim itself requires the record to be open.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { GroqSource } from '../content/groq-source.ts';
import { addDays, instantToLondonDate, isoDateToDayNumber, type IsoDate } from '../dates/index.ts';
import type { PortalDatabase } from '../db/index.ts';
import { entries, recordCarers, records, reminderDeliveries, reminderSubscriptions, users } from '../db/schema.ts';
import type { Mailer } from '../email/mailer.ts';
import { writeWeeklyDigestMessage } from '../email/messages.ts';
import { DatabaseError } from '../errors.ts';
import { checkRecordAccess } from '../records/access.ts';
import { rowToEntry, type Entry } from '../red-book/entries.ts';
import { buildCard, createGuidanceCache } from '../timeline/card.ts';

/** The Monday of the week (Monday to Sunday) that holds `day`. */
export function findWeekStart(day: IsoDate): IsoDate {
  // Day number 0 (1970-01-01) was a Thursday, so Monday is 4 days after it, modulo 7.
  const weekday = (((isoDateToDayNumber(day) + 3) % 7) + 7) % 7;
  return addDays(day, -weekday);
}

/** Whether the person gets the weekly email about this record. */
export async function hasWeeklyEmail(db: PortalDatabase, userId: string, recordId: string): Promise<boolean> {
  const access = await checkRecordAccess(db, userId, recordId, 'read');
  if (!access.ok) return false;
  try {
    const [row] = await db.select({ userId: reminderSubscriptions.userId }).from(reminderSubscriptions).where(and(eq(reminderSubscriptions.userId, userId), eq(reminderSubscriptions.recordId, recordId)));
    return row !== undefined;
  } catch (error) {
    throw new DatabaseError('read a reminder choice', { cause: error });
  }
}

/** Turns the weekly email about a record on or off for the person. Anyone who shares an open record can choose it. */
export async function setWeeklyEmail(db: PortalDatabase, input: { userId: string; recordId: string; wanted: boolean }): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' | 'record-closed' }> {
  const access = await checkRecordAccess(db, input.userId, input.recordId, 'read');
  if (!access.ok) return access;
  if (input.wanted && access.record.status !== 'open') return { ok: false, reason: 'record-closed' };
  try {
    if (input.wanted) await db.insert(reminderSubscriptions).values({ userId: input.userId, recordId: input.recordId }).onConflictDoNothing();
    else await db.delete(reminderSubscriptions).where(and(eq(reminderSubscriptions.userId, input.userId), eq(reminderSubscriptions.recordId, input.recordId)));
    return { ok: true };
  } catch (error) {
    throw new DatabaseError('save a reminder choice', { cause: error });
  }
}

/** What one run did: counts only, never who. */
export interface ReminderRun {
  readonly week: IsoDate;
  readonly considered: number;
  readonly sent: number;
  /** Already sent this week (by an earlier or a parallel run), or nothing to say (no details yet). */
  readonly skipped: number;
  readonly failed: number;
}

/** What a run needs. */
export interface ReminderServices {
  readonly db: PortalDatabase;
  readonly mailer: Mailer;
  readonly source: GroqSource;
  readonly now: () => Date;
  readonly siteUrl: string;
}

/**
 * Sends this week's emails that have not gone yet. Safe to run as often as you like (from cron every
 * few minutes, or on a schedule in the server), and from two places at once.
 */
export async function sendWeeklyEmails(services: ReminderServices): Promise<ReminderRun> {
  const today = instantToLondonDate(services.now());
  const week = findWeekStart(today);
  const { db } = services;
  let due: { userId: string; email: string; recordId: string; name: string; kind: string; status: string; details: unknown }[];
  try {
    // Only carers who still share the record, with a confirmed address, about open records, not yet sent this week.
    due = await db
      .select({ userId: users.id, email: sql<string>`${users.email}`, recordId: records.id, name: records.name, kind: records.kind, status: records.status, details: records.details })
      .from(reminderSubscriptions)
      .innerJoin(recordCarers, and(eq(recordCarers.userId, reminderSubscriptions.userId), eq(recordCarers.recordId, reminderSubscriptions.recordId)))
      .innerJoin(users, eq(users.id, reminderSubscriptions.userId))
      .innerJoin(records, eq(records.id, reminderSubscriptions.recordId))
      .leftJoin(reminderDeliveries, and(eq(reminderDeliveries.userId, reminderSubscriptions.userId), eq(reminderDeliveries.recordId, reminderSubscriptions.recordId), eq(reminderDeliveries.week, week)))
      .where(and(eq(records.status, 'open'), eq(users.emailVerified, true), isNotNull(users.email), isNull(reminderDeliveries.userId)))
      .orderBy(users.id, records.id);
  } catch (error) {
    throw new DatabaseError('list the weekly emails to send', { cause: error });
  }

  // Every record's entries, read in batches rather than once per email.
  const entriesByRecord = new Map<string, Entry[]>();
  const recordIds = [...new Set(due.map((row) => row.recordId))];
  for (let start = 0; start < recordIds.length; start += 500) {
    const batch = recordIds.slice(start, start + 500);
    const rows = await db
      .select({ id: entries.id, recordId: entries.recordId, kind: entries.kind, occurredOn: entries.occurredOn, data: entries.data, provenance: entries.provenance, createdAt: entries.createdAt, updatedAt: entries.updatedAt })
      .from(entries)
      .where(and(inArray(entries.recordId, batch), isNull(entries.deletedAt)))
      .orderBy(entries.occurredOn, entries.createdAt);
    for (const row of rows) {
      const list = entriesByRecord.get(row.recordId) ?? [];
      list.push(rowToEntry(row));
      entriesByRecord.set(row.recordId, list);
    }
  }

  const cache = createGuidanceCache();
  let sent = 0;
  let skipped = 0;
  let failed = 0;
  for (const row of due) {
    const card = await buildCard(services.source, { recordId: row.recordId, kind: row.kind as 'child' | 'pregnancy', status: row.status as 'open' | 'closed', details: row.details, entries: entriesByRecord.get(row.recordId) ?? [] }, today, cache);
    if (!card) {
      skipped += 1;
      continue;
    }
    // The claim: one row per carer, record and week, inserted only while the record is still open.
    const claimed = await db
      .insert(reminderDeliveries)
      .select(
        db
          .select({ userId: sql<string>`${row.userId}::uuid`.as('user_id'), recordId: records.id, week: sql<string>`${week}::date`.as('week'), sentAt: sql<Date>`now()`.as('sent_at') })
          .from(records)
          .where(and(eq(records.id, row.recordId), eq(records.status, 'open'))),
      )
      .onConflictDoNothing()
      .returning({ userId: reminderDeliveries.userId });
    if (claimed.length === 0) {
      skipped += 1;
      continue;
    }
    try {
      await services.mailer.send(writeWeeklyDigestMessage(row.email, row.kind === 'child' ? row.name : null, card, services.siteUrl));
      sent += 1;
    } catch {
      // Not sent: give the claim back so a later run tries again.
      await db.delete(reminderDeliveries).where(and(eq(reminderDeliveries.userId, row.userId), eq(reminderDeliveries.recordId, row.recordId), eq(reminderDeliveries.week, week)));
      failed += 1;
    }
  }
  return { week, considered: due.length, sent, skipped, failed };
}
