/**
 * Sharing a record: owners invite by email, see who has access, and remove carers and viewers.
 * A record can have more than one owner (separated parents often both are): no owner can remove
 * another, either can leave, and the record is deleted only when its last owner deletes it.
 * Every function checks access first, through the one access check.
 */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { PortalDatabase } from '../db/index.ts';
import { invitations, recordCarers, records, users } from '../db/schema.ts';
import { DatabaseError } from '../errors.ts';
import type { FieldError } from '../forms.ts';
import { checkEmailAddress } from '../auth/email-address.ts';
import { generateSessionToken, sessionTokenToId } from '../auth/session.ts';
import { consumeRateLimit, rateLimitKey, type RateLimit } from '../auth/rate-limit.ts';
import { checkRecordAccess, isUuid, type RecordRole } from './access.ts';
import { recordAuditEvent } from './audit.ts';

/** How long an invitation link works. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60 * 1000;

/** What each role can do, in the words people see. */
export const roleDescriptions: Readonly<Record<RecordRole, string>> = {
  owner: 'Owner: can see and add to the record, and choose who else can see it',
  carer: 'Carer: can see and add to the record',
  viewer: 'Viewer: can see the record, but not change it',
};

/** The verb phrase used in invitation emails. */
export const roleInvitationPhrases: Readonly<Record<RecordRole, string>> = {
  owner: 'share ownership of',
  carer: 'help keep',
  viewer: 'see',
};

type Denied = { readonly ok: false; readonly reason: 'not-found' | 'forbidden' };

/**
 * Invitations are emails we send to addresses people type, so they are limited: per invited address
 * (shared with every other email to it) and per inviting owner.
 */
export const invitationRateLimits = {
  perInvitedAddress: { attempts: 5, windowMs: 60 * 60 * 1000 },
  perOwner: { attempts: 20, windowMs: 60 * 60 * 1000 },
} as const satisfies Record<string, RateLimit>;

/** The outcome of inviting someone. The link is shown to the owner, who may also send it themselves. */
export type InvitationResult =
  | { readonly ok: true; readonly token: string; readonly email: string; readonly role: RecordRole }
  | Denied
  | { readonly ok: false; readonly reason: 'invalid'; readonly errors: readonly FieldError<'email' | 'role'>[] }
  | { readonly ok: false; readonly reason: 'rate-limited'; readonly retryAfterMs: number };

/** Invites someone by email to share a record with the role chosen. Owners only. */
export async function inviteCarer(
  db: PortalDatabase,
  input: { actorId: string; recordId: string; email: string | null; role: string | null; now: Date; randomBytes: (length: number) => Uint8Array },
): Promise<InvitationResult> {
  const access = await checkRecordAccess(db, input.actorId, input.recordId, 'manage-carers');
  if (!access.ok) return access;
  const errors: FieldError<'email' | 'role'>[] = [];
  const email = checkEmailAddress(input.email);
  if (!email.ok) errors.push({ field: 'email', message: email.message.replace('Enter your email address', 'Enter their email address') });
  const role = input.role === 'owner' || input.role === 'carer' || input.role === 'viewer' ? input.role : null;
  if (role === null) errors.push({ field: 'role', message: 'Select what they can do' });
  if (!email.ok || role === null) return { ok: false, reason: 'invalid', errors };
  try {
    const [existing] = await db
      .select({ userId: recordCarers.userId })
      .from(recordCarers)
      .innerJoin(users, eq(users.id, recordCarers.userId))
      .where(and(eq(recordCarers.recordId, input.recordId), eq(users.email, email.email)));
    if (existing) return { ok: false, reason: 'invalid', errors: [{ field: 'email', message: 'This person can already see this record' }] };
    for (const [key, limit] of [
      [rateLimitKey('invite:owner', input.actorId), invitationRateLimits.perOwner],
      [rateLimitKey('email', email.email), invitationRateLimits.perInvitedAddress],
    ] as const) {
      const decision = await consumeRateLimit(db, key, limit, input.now);
      if (!decision.allowed) return { ok: false, reason: 'rate-limited', retryAfterMs: decision.retryAfterMs };
    }
    const token = generateSessionToken(input.randomBytes);
    await db.transaction(async (tx) => {
      // One live invitation per person per record: a new one replaces any earlier link.
      await tx
        .update(invitations)
        .set({ revokedAt: input.now })
        .where(and(eq(invitations.recordId, input.recordId), eq(invitations.email, email.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
      await tx.insert(invitations).values({
        id: sessionTokenToId(token),
        recordId: input.recordId,
        email: email.email,
        role,
        invitedBy: input.actorId,
        expiresAt: new Date(input.now.getTime() + invitationLifetimeMs),
      });
      await recordAuditEvent(tx, { recordId: input.recordId, actorId: input.actorId, action: 'carer-invited' });
    });
    return { ok: true, token, email: email.email, role };
  } catch (error) {
    throw new DatabaseError('create an invitation', { cause: error });
  }
}

/** What an invitation link leads to, before it is accepted. */
export type InvitationState =
  | { readonly state: 'valid'; readonly recordName: string; readonly role: RecordRole; readonly forThisAccount: boolean; readonly emailVerified: boolean }
  | { readonly state: 'invalid' | 'expired' | 'already-has-access' };

/** Describes an invitation to the signed-in person holding its link. The record's name is shown only to the invited account. */
export async function describeInvitation(db: PortalDatabase, token: string, user: { id: string; email: string | null; emailVerified: boolean }, now: Date): Promise<InvitationState> {
  try {
    const [row] = await db
      .select({ recordId: invitations.recordId, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt, recordName: records.name })
      .from(invitations)
      .innerJoin(records, eq(records.id, invitations.recordId))
      .where(and(eq(invitations.id, sessionTokenToId(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    if (!row) return { state: 'invalid' };
    if (now.getTime() >= row.expiresAt.getTime()) return { state: 'expired' };
    const forThisAccount = row.email === user.email;
    if (forThisAccount) {
      const [already] = await db
        .select({ role: recordCarers.role })
        .from(recordCarers)
        .where(and(eq(recordCarers.recordId, row.recordId), eq(recordCarers.userId, user.id)));
      if (already) return { state: 'already-has-access' };
    }
    return { state: 'valid', recordName: forThisAccount ? row.recordName : '', role: row.role as RecordRole, forThisAccount, emailVerified: user.emailVerified };
  } catch (error) {
    throw new DatabaseError('read an invitation', { cause: error });
  }
}

/** The outcome of accepting an invitation. */
export type AcceptResult =
  | { readonly ok: true; readonly recordId: string }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' | 'wrong-account' | 'email-not-verified' | 'already-has-access' };

/**
 * Accepts an invitation: only an account whose confirmed email is the invited one, once, within 7 days.
 * A link opened by the wrong account is not spent, so the right person can still use it.
 */
export async function acceptInvitation(db: PortalDatabase, input: { token: string; user: { id: string; email: string | null; emailVerified: boolean }; now: Date }): Promise<AcceptResult> {
  const state = await describeInvitation(db, input.token, input.user, input.now);
  if (state.state !== 'valid') return { ok: false, reason: state.state };
  if (!state.forThisAccount) return { ok: false, reason: 'wrong-account' };
  if (!state.emailVerified || !input.user.email) return { ok: false, reason: 'email-not-verified' };
  const email = input.user.email;
  try {
    return await db.transaction(async (tx) => {
      const [spent] = await tx
        .update(invitations)
        .set({ acceptedAt: input.now, acceptedBy: input.user.id })
        .where(
          and(
            eq(invitations.id, sessionTokenToId(input.token)),
            eq(invitations.email, email),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
            gt(invitations.expiresAt, input.now),
          ),
        )
        .returning({ recordId: invitations.recordId, role: invitations.role });
      if (!spent) return { ok: false, reason: 'invalid' } as const;
      const added = await tx
        .insert(recordCarers)
        .values({ recordId: spent.recordId, userId: input.user.id, role: spent.role })
        .onConflictDoNothing()
        .returning({ recordId: recordCarers.recordId });
      if (added.length === 0) return { ok: false, reason: 'already-has-access' } as const;
      await recordAuditEvent(tx, { recordId: spent.recordId, actorId: input.user.id, action: 'invitation-accepted' });
      return { ok: true, recordId: spent.recordId } as const;
    });
  } catch (error) {
    throw new DatabaseError('accept an invitation', { cause: error });
  }
}

/** Someone who can see a record, as its owners see them. */
export interface Carer {
  readonly userId: string;
  /** Null for an account made with NHS login that has no email address. */
  readonly email: string | null;
  readonly role: RecordRole;
  readonly addedAt: Date;
}

/** An invitation not yet accepted. `id` is the stored hash of the link, safe to put in a form. */
export interface PendingInvitation {
  readonly id: string;
  readonly email: string;
  readonly role: RecordRole;
  readonly expiresAt: Date;
}

/** Who can see a record and who has been invited. Owners only. */
export async function listCarers(
  db: PortalDatabase,
  actorId: string,
  recordId: string,
  now: Date,
): Promise<{ readonly ok: true; readonly carers: readonly Carer[]; readonly invitations: readonly PendingInvitation[] } | Denied> {
  const access = await checkRecordAccess(db, actorId, recordId, 'manage-carers');
  if (!access.ok) return access;
  try {
    const carers = await db
      .select({ userId: recordCarers.userId, email: users.email, role: recordCarers.role, addedAt: recordCarers.addedAt })
      .from(recordCarers)
      .innerJoin(users, eq(users.id, recordCarers.userId))
      .where(eq(recordCarers.recordId, recordId))
      .orderBy(asc(recordCarers.addedAt), asc(users.email));
    const pending = await db
      .select({ id: invitations.id, email: invitations.email, role: invitations.role, expiresAt: invitations.expiresAt })
      .from(invitations)
      .where(and(eq(invitations.recordId, recordId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
      .orderBy(asc(invitations.createdAt));
    return {
      ok: true,
      carers: carers.map((row) => ({ ...row, role: row.role as RecordRole })),
      invitations: pending.map((row) => ({ ...row, role: row.role as RecordRole })),
    };
  } catch (error) {
    throw new DatabaseError('list who can see a record', { cause: error });
  }
}

/** Cancels an invitation not yet accepted. Owners only; an unknown invitation is simply not there. */
export async function cancelInvitation(db: PortalDatabase, input: { actorId: string; recordId: string; invitationId: string | null; now: Date }): Promise<{ readonly ok: true } | Denied> {
  const access = await checkRecordAccess(db, input.actorId, input.recordId, 'manage-carers');
  if (!access.ok) return access;
  if (!input.invitationId) return { ok: false, reason: 'not-found' };
  const invitationId = input.invitationId;
  try {
    return await db.transaction(async (tx) => {
      const cancelled = await tx
        .update(invitations)
        .set({ revokedAt: input.now })
        .where(and(eq(invitations.id, invitationId), eq(invitations.recordId, input.recordId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
        .returning({ id: invitations.id });
      if (cancelled.length === 0) return { ok: false, reason: 'not-found' } as const;
      await recordAuditEvent(tx, { recordId: input.recordId, actorId: input.actorId, action: 'invitation-cancelled' });
      return { ok: true } as const;
    });
  } catch (error) {
    throw new DatabaseError('cancel an invitation', { cause: error });
  }
}

/** Locks a record's row for the rest of the transaction, so changes to its owners happen one at a time. */
async function lockRecord(tx: PortalDatabase, recordId: string): Promise<void> {
  await tx.execute(sql`select id from ${records} where ${records.id} = ${recordId} for update`);
}

/** Removes a carer or viewer from a record, at once. Owners only, and never another owner. */
export async function removeCarer(
  db: PortalDatabase,
  input: { actorId: string; recordId: string; userId: string | null },
): Promise<{ readonly ok: true } | Denied | { readonly ok: false; readonly reason: 'cannot-remove-owner' | 'not-a-carer' }> {
  const access = await checkRecordAccess(db, input.actorId, input.recordId, 'manage-carers');
  if (!access.ok) return access;
  const target = input.userId;
  if (!target || !isUuid(target)) return { ok: false, reason: 'not-a-carer' };
  try {
    return await db.transaction(async (tx) => {
      await lockRecord(tx, input.recordId);
      const [row] = await tx
        .select({ role: recordCarers.role })
        .from(recordCarers)
        .where(and(eq(recordCarers.recordId, input.recordId), eq(recordCarers.userId, target)));
      if (!row) return { ok: false, reason: 'not-a-carer' } as const;
      if (row.role === 'owner') return { ok: false, reason: 'cannot-remove-owner' } as const;
      await tx.delete(recordCarers).where(and(eq(recordCarers.recordId, input.recordId), eq(recordCarers.userId, target)));
      await recordAuditEvent(tx, { recordId: input.recordId, actorId: input.actorId, action: 'carer-removed', subjectId: target });
      return { ok: true } as const;
    });
  } catch (error) {
    throw new DatabaseError('remove someone from a record', { cause: error });
  }
}

/** How many owners a record has (inside a transaction that has locked it). */
async function countOwners(tx: PortalDatabase, recordId: string): Promise<number> {
  const [row] = await tx
    .select({ owners: sql<number>`count(*)::int` })
    .from(recordCarers)
    .where(and(eq(recordCarers.recordId, recordId), eq(recordCarers.role, 'owner')));
  return row?.owners ?? 0;
}

/** Leaves a record. Anyone can, except its last owner, who deletes it instead. */
export async function leaveRecord(db: PortalDatabase, input: { actorId: string; recordId: string }): Promise<{ readonly ok: true } | Denied | { readonly ok: false; readonly reason: 'last-owner' }> {
  const access = await checkRecordAccess(db, input.actorId, input.recordId, 'read');
  if (!access.ok) return access;
  try {
    return await db.transaction(async (tx) => {
      await lockRecord(tx, input.recordId);
      if (access.role === 'owner' && (await countOwners(tx, input.recordId)) <= 1) return { ok: false, reason: 'last-owner' } as const;
      const left = await tx
        .delete(recordCarers)
        .where(and(eq(recordCarers.recordId, input.recordId), eq(recordCarers.userId, input.actorId)))
        .returning({ userId: recordCarers.userId });
      if (left.length === 0) return { ok: false, reason: 'not-found' } as const;
      await recordAuditEvent(tx, { recordId: input.recordId, actorId: input.actorId, action: 'carer-left' });
      return { ok: true } as const;
    });
  } catch (error) {
    throw new DatabaseError('leave a record', { cause: error });
  }
}

/** Deletes a record and everything in it. Only its last owner can: with another owner, leave instead. */
export async function deleteRecord(db: PortalDatabase, input: { actorId: string; recordId: string }): Promise<{ readonly ok: true } | Denied | { readonly ok: false; readonly reason: 'other-owners' }> {
  const access = await checkRecordAccess(db, input.actorId, input.recordId, 'delete-record');
  if (!access.ok) return access;
  try {
    return await db.transaction(async (tx) => {
      await lockRecord(tx, input.recordId);
      if ((await countOwners(tx, input.recordId)) > 1) return { ok: false, reason: 'other-owners' } as const;
      // Check again under the lock: the person may have left or been removed meanwhile.
      const [still] = await tx
        .select({ role: recordCarers.role })
        .from(recordCarers)
        .where(and(eq(recordCarers.recordId, input.recordId), eq(recordCarers.userId, input.actorId), eq(recordCarers.role, 'owner')));
      if (!still) return { ok: false, reason: 'not-found' } as const;
      await tx.delete(records).where(eq(records.id, input.recordId));
      return { ok: true } as const;
    });
  } catch (error) {
    throw new DatabaseError('delete a record', { cause: error });
  }
}
