/**
 * The record's activity log, for its owners: who did what, and when. It never holds what was entered,
 * only that something was (a note added, a carer invited).
 */
import { desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PortalDatabase } from '../db/index.ts';
import { auditEvents, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { checkRecordAccess } from './access.ts';

/** Everything that is logged. */
export type AuditAction =
  | 'record-created'
  | 'note-added'
  | 'carer-invited'
  | 'invitation-cancelled'
  | 'invitation-accepted'
  | 'carer-removed'
  | 'carer-left'
  | 'record-closed'
  | 'record-imported';

/** How each action reads in the log, after the person's name. */
export const auditActionDescriptions: Readonly<Record<AuditAction, string>> = {
  'record-created': 'created this record',
  'note-added': 'added a note',
  'carer-invited': 'invited someone to share this record',
  'invitation-cancelled': 'cancelled an invitation',
  'invitation-accepted': 'accepted an invitation and can now see this record',
  'carer-removed': 'removed someone from this record',
  'carer-left': 'left this record',
  'record-closed': 'closed this record',
  'record-imported': 'imported entries from a file',
};

/** Writes one event. Pass the transaction that made the change, so the log and the change stand or fall together. */
export async function recordAuditEvent(db: PortalDatabase, event: { recordId: string; actorId: string; action: AuditAction; subjectId?: string | null }): Promise<void> {
  await db.insert(auditEvents).values({ recordId: event.recordId, actorId: event.actorId, action: event.action, subjectId: event.subjectId ?? null });
}

/** One line of the activity log as owners see it. */
export interface AuditEntry {
  readonly action: AuditAction;
  /** The email of who did it, or null for someone who has since deleted their account. */
  readonly actorEmail: string | null;
  readonly subjectEmail: string | null;
  readonly at: Date;
}

/** The newest `limit` events of a record, for its owners only (anyone else: not found or forbidden). */
export async function listAuditEvents(
  db: PortalDatabase,
  userId: string,
  recordId: string,
  limit = 200,
): Promise<{ readonly ok: true; readonly entries: readonly AuditEntry[] } | { readonly ok: false; readonly reason: 'not-found' | 'forbidden' }> {
  const access = await checkRecordAccess(db, userId, recordId, 'manage-carers');
  if (!access.ok) return access;
  const actor = alias(users, 'actor');
  const subject = alias(users, 'subject');
  try {
    const rows = await db
      .select({ action: auditEvents.action, actorEmail: actor.email, subjectEmail: subject.email, at: auditEvents.createdAt })
      .from(auditEvents)
      .leftJoin(actor, eq(actor.id, auditEvents.actorId))
      .leftJoin(subject, eq(subject.id, auditEvents.subjectId))
      .where(eq(auditEvents.recordId, recordId))
      .orderBy(desc(auditEvents.createdAt), desc(sql`${auditEvents.id}`))
      .limit(limit);
    return { ok: true, entries: rows.map((row) => ({ ...row, action: row.action as AuditAction })) };
  } catch (error) {
    throw new DatabaseError("read a record's activity", { cause: error });
  }
}
