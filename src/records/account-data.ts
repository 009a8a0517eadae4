/**
 * A person's own data: "download all my data", and deleting an account. Deleting an account deletes
 * every record it is the last owner of, after the person has seen exactly which ones will go.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { auditEvents, calendarFeeds, notes, oidcIdentities, passkeys, recordCarers, records, reminderSubscriptions, sessions, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import { exportRedBook, type RedBookFile } from '../red-book/portability.ts';
import { readTwoStepStatus } from '../auth/two-step.ts';
import { canPerform, checkRecordAccess, type RecordRole } from './access.ts';

/** What deleting an account would do to each record the person is part of. */
export interface AccountDeletionPlan {
  /** Records with no other owner: deleted with the account. */
  readonly recordsDeleted: readonly { readonly id: string; readonly name: string; readonly sharedWithOthers: boolean }[];
  /** Records someone else still owns: the person is just taken off them. */
  readonly recordsLeft: readonly { readonly id: string; readonly name: string }[];
}

/** Works out what deleting this account would delete, to show before the person confirms. */
export async function planAccountDeletion(db: PortalDatabase, userId: string): Promise<AccountDeletionPlan> {
  try {
    const rows = await db
      .select({
        id: records.id,
        name: records.name,
        role: recordCarers.role,
        otherOwners: sql<number>`(select count(*)::int from ${recordCarers} other where other.record_id = ${records.id} and other.role = 'owner' and other.user_id <> ${userId})`,
        others: sql<number>`(select count(*)::int from ${recordCarers} other where other.record_id = ${records.id} and other.user_id <> ${userId})`,
      })
      .from(recordCarers)
      .innerJoin(records, eq(records.id, recordCarers.recordId))
      .where(eq(recordCarers.userId, userId))
      .orderBy(asc(records.createdAt), asc(records.id));
    return {
      recordsDeleted: rows.filter((row) => row.role === 'owner' && row.otherOwners === 0).map((row) => ({ id: row.id, name: row.name, sharedWithOthers: row.others > 0 })),
      recordsLeft: rows.filter((row) => !(row.role === 'owner' && row.otherOwners === 0)).map((row) => ({ id: row.id, name: row.name })),
    };
  } catch (error) {
    throw new DatabaseError('work out what deleting an account would delete', { cause: error });
  }
}

/** The ids of the records a plan deletes, in a stable order, to compare what was shown with what will happen. */
export function planToDeletedIds(plan: AccountDeletionPlan): string {
  return plan.recordsDeleted
    .map((record) => record.id)
    .sort()
    .join(',');
}

/**
 * Deletes an account, its sessions and tokens, and every record it is the last owner of, exactly as the
 * person confirmed: `confirmedDeletedIds` is `planToDeletedIds` of the plan they were shown. The records
 * are locked first and the plan worked out again under the locks; if it has changed (another owner left
 * or deleted their account meanwhile), nothing is deleted and the person is shown the new plan.
 */
export async function deleteAccount(db: PortalDatabase, userId: string, confirmedDeletedIds: string): Promise<{ readonly ok: true; readonly recordsDeleted: number } | { readonly ok: false; readonly reason: 'plan-changed' }> {
  try {
    return await db.transaction(async (tx) => {
      const memberships = await tx.select({ recordId: recordCarers.recordId }).from(recordCarers).where(eq(recordCarers.userId, userId));
      const recordIds = memberships.map((row) => row.recordId);
      if (recordIds.length > 0) {
        await tx.execute(sql`select id from ${records} where ${inArray(records.id, recordIds)} order by id for update`);
      }
      if (planToDeletedIds(await planAccountDeletion(tx, userId)) !== confirmedDeletedIds) return { ok: false, reason: 'plan-changed' } as const;
      await tx.delete(users).where(eq(users.id, userId));
      if (recordIds.length === 0) return { ok: true, recordsDeleted: 0 } as const;
      const deleted = await tx
        .delete(records)
        .where(and(inArray(records.id, recordIds), sql`not exists (select 1 from ${recordCarers} where ${recordCarers.recordId} = ${records.id} and ${recordCarers.role} = 'owner')`))
        .returning({ id: records.id });
      return { ok: true, recordsDeleted: deleted.length } as const;
    });
  } catch (error) {
    throw new DatabaseError('delete an account', { cause: error });
  }
}

/** Everything the portal holds that belongs to or was shared with a person, as one JSON-ready object. */
export interface AccountDataExport {
  readonly exportedAt: string;
  readonly format: 'first-1001-days/account-data/1';
  readonly account: { readonly email: string | null; readonly emailConfirmed: boolean; readonly createdAt: string };
  /** The person's calendar feed, if they made one (its secret is never stored, so never exported). */
  readonly calendar: { readonly nameStyle: string; readonly createdAt: string } | null;
  /** How the person signs in: two-step verification, passkeys (names only), NHS login identities and their sessions (device names only). */
  readonly signIn: {
    readonly twoStepVerification: boolean;
    readonly authenticatorApp: boolean;
    readonly recoveryCodesLeft: number;
    readonly passkeys: readonly { readonly name: string; readonly createdAt: string; readonly lastUsedAt: string | null }[];
    readonly linkedIdentities: readonly { readonly issuer: string; readonly subject: string; readonly scopes: string; readonly identityLevel: string | null; readonly linkedAt: string }[];
    readonly sessions: readonly { readonly device: string; readonly method: string; readonly createdAt: string; readonly lastSeenAt: string }[];
  };
  readonly records: readonly {
    readonly id: string;
    readonly kind: string;
    readonly name: string;
    readonly yourRole: RecordRole;
    readonly createdAt: string;
    readonly notes: readonly { readonly text: string; readonly writtenBy: string; readonly createdAt: string }[];
    /** Whether the person chose the weekly email about this record. */
    readonly weeklyEmail: boolean;
    /** The record's details and every red book entry, with provenance and history, as in the record's own download. */
    readonly redBook: Pick<RedBookFile['record'], 'status' | 'closedReason' | 'closedOn' | 'details'> & { readonly entries: RedBookFile['entries'] };
    /** Owners only: who else can see the record. */
    readonly sharedWith?: readonly { readonly email: string | null; readonly role: RecordRole }[];
    /** Owners only: the record's activity (who did what, never the values). */
    readonly activity?: readonly { readonly action: string; readonly by: string; readonly at: string }[];
  }[];
}

/** Gathers a person's data for "download all my data". */
export async function exportAccountData(db: PortalDatabase, userId: string, now: Date): Promise<AccountDataExport | null> {
  try {
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    if (!user) return null;
    const memberships = await db
      .select({ id: records.id, kind: records.kind, name: records.name, createdAt: records.createdAt, role: recordCarers.role })
      .from(recordCarers)
      .innerJoin(records, eq(records.id, recordCarers.recordId))
      .where(eq(recordCarers.userId, userId))
      .orderBy(asc(records.createdAt), asc(records.id));
    const subscribed = new Set((await db.select({ recordId: reminderSubscriptions.recordId }).from(reminderSubscriptions).where(eq(reminderSubscriptions.userId, userId))).map((row) => row.recordId));
    const [calendar] = await db.select({ nameStyle: calendarFeeds.nameStyle, createdAt: calendarFeeds.createdAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId));
    const twoStep = await readTwoStepStatus(db, userId);
    const keys = await db.select({ name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt }).from(passkeys).where(eq(passkeys.userId, userId)).orderBy(asc(passkeys.createdAt));
    const identities = await db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId)).orderBy(asc(oidcIdentities.linkedAt));
    const userSessions = await db
      .select({ device: sessions.device, method: sessions.method, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(asc(sessions.createdAt));
    const describePerson = (email: string | null, id: string | null) => (id === userId ? 'you' : (email ?? 'a former carer'));
    const exported = [];
    for (const membership of memberships) {
      // Through the one access check, like every other read of record data.
      const access = await checkRecordAccess(db, userId, membership.id, 'read');
      if (!access.ok) continue;
      const recordNotes = await db
        .select({ body: notes.body, createdAt: notes.createdAt, authorId: notes.createdBy, authorEmail: users.email })
        .from(notes)
        .leftJoin(users, eq(users.id, notes.createdBy))
        .where(eq(notes.recordId, membership.id))
        .orderBy(asc(notes.createdAt));
      const isOwner = canPerform(access.role, 'manage-carers');
      const sharedWith = isOwner
        ? await db
            .select({ email: users.email, role: recordCarers.role })
            .from(recordCarers)
            .innerJoin(users, eq(users.id, recordCarers.userId))
            .where(eq(recordCarers.recordId, membership.id))
            .orderBy(asc(users.email))
        : [];
      const activity = isOwner
        ? await db
            .select({ action: auditEvents.action, at: auditEvents.createdAt, actorId: auditEvents.actorId, actorEmail: users.email })
            .from(auditEvents)
            .leftJoin(users, eq(users.id, auditEvents.actorId))
            .where(eq(auditEvents.recordId, membership.id))
            .orderBy(asc(auditEvents.createdAt))
        : [];
      const redBook = await exportRedBook(db, userId, membership.id, now);
      if (!redBook.ok) continue;
      const { status, closedReason, closedOn, details } = redBook.file.record;
      exported.push({
        id: membership.id,
        kind: membership.kind,
        name: membership.name,
        yourRole: access.role,
        createdAt: membership.createdAt.toISOString(),
        notes: recordNotes.map((note) => ({ text: note.body, writtenBy: describePerson(note.authorEmail, note.authorId), createdAt: note.createdAt.toISOString() })),
        weeklyEmail: subscribed.has(membership.id),
        redBook: { status, closedReason, closedOn, details, entries: redBook.file.entries },
        ...(isOwner
          ? {
              sharedWith: sharedWith.map((row) => ({ email: row.email, role: row.role as RecordRole })),
              activity: activity.map((row) => ({ action: row.action, by: describePerson(row.actorEmail, row.actorId), at: row.at.toISOString() })),
            }
          : {}),
      });
    }
    return {
      exportedAt: now.toISOString(),
      format: 'first-1001-days/account-data/1',
      account: { email: user.email, emailConfirmed: user.emailVerified, createdAt: user.createdAt.toISOString() },
      calendar: calendar ? { nameStyle: calendar.nameStyle, createdAt: calendar.createdAt.toISOString() } : null,
      signIn: {
        twoStepVerification: user.twoStepEnabled,
        authenticatorApp: twoStep.authenticatorApp,
        recoveryCodesLeft: twoStep.recoveryCodesLeft,
        passkeys: keys.map((key) => ({ name: key.name, createdAt: key.createdAt.toISOString(), lastUsedAt: key.lastUsedAt?.toISOString() ?? null })),
        linkedIdentities: identities.map((identity) => ({ issuer: identity.issuer, subject: identity.subject, scopes: identity.scopes, identityLevel: identity.identityLevel, linkedAt: identity.linkedAt.toISOString() })),
        sessions: userSessions.map((row) => ({ device: row.device, method: row.method, createdAt: row.createdAt.toISOString(), lastSeenAt: row.lastSeenAt.toISOString() })),
      },
      records: exported,
    };
  } catch (error) {
    throw new DatabaseError("gather a person's data", { cause: error });
  }
}
