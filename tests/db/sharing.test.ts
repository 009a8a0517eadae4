/**
 * Sharing a record on every engine: invitations, roles, two owners, leaving and deleting, notes,
 * the activity log, "download all my data" and deleting an account. A second family never sees or
 * changes anything. One database per engine; each test makes its own record.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/index.ts';
import { auditEvents, recordCarers, records, users } from '../../src/db/schema.ts';
import { checkRecordName, createRecord, listAccessibleRecords } from '../../src/records/access.ts';
import { acceptInvitation, cancelInvitation, deleteRecord, describeInvitation, invitationLifetimeMs, inviteCarer, leaveRecord, listCarers, removeCarer } from '../../src/records/carers.ts';
import { addNote, checkNoteText, listNotes } from '../../src/records/notes.ts';
import { listAuditEvents } from '../../src/records/audit.ts';
import { deleteAccount, exportAccountData, planAccountDeletion, planToDeletedIds } from '../../src/records/account-data.ts';
import { databaseDrivers } from './drivers.ts';

const now = new Date('2026-11-25T09:00:00Z');
const randomBytes = (length: number) => crypto.getRandomValues(new Uint8Array(length));

describe('record names and notes are checked before anything is stored', () => {
  test.each([
    ['', "Enter a name for this record, such as your child's first name"],
    ['   ', "Enter a name for this record, such as your child's first name"],
    ['<script>alert(1)</script>', 'Name must only include letters, spaces, hyphens, apostrophes and full stops'],
    ['Robert); DROP TABLE records;--', 'Name must only include letters, spaces, hyphens, apostrophes and full stops'],
    ['x'.repeat(61), 'Name must be 60 characters or fewer'],
  ])('the name %j is refused: %s', (raw, message) => {
    expect(checkRecordName(raw)).toEqual({ ok: false, message });
  });
  test.each([
    ['Ada', 'Ada'],
    ['  Mary-Jane   O’Neill ', 'Mary-Jane O’Neill'],
    ['Zoë', 'Zoë'],
    ['محمد', 'محمد'],
    ['x'.repeat(60), 'x'.repeat(60)],
  ])('the name %j is kept as %j', (raw, name) => {
    expect(checkRecordName(raw)).toEqual({ ok: true, name });
  });
  test.each([
    ['', 'Enter your note'],
    ['\u0000\u0007 ', 'Enter your note'],
    ['x'.repeat(2001), 'Your note must be 2,000 characters or fewer'],
  ])('the note %j is refused', (raw, message) => {
    expect(checkNoteText(raw)).toEqual({ ok: false, message });
  });
});

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`sharing a record on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    let counter = 0;

    beforeAll(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
    });
    afterAll(async () => {
      await database.close();
      await destroy();
    });

    async function createPerson(label: string, emailVerified = true) {
      counter += 1;
      const email = `${label}${counter}@example.com`;
      const [user] = await database.db.insert(users).values({ email, passwordHash: 'x', emailVerified }).returning({ id: users.id });
      return { id: user?.id ?? '', email, emailVerified };
    }

    /** A child's record with an owner, a carer, a viewer, and a second family with their own record. */
    async function createFamily() {
      const owner = await createPerson('owner');
      const carer = await createPerson('carer');
      const viewer = await createPerson('viewer');
      const otherFamily = await createPerson('other');
      const recordId = await createRecord(database.db, owner.id, 'child', 'Ada');
      await database.db.insert(recordCarers).values([
        { recordId, userId: carer.id, role: 'carer' },
        { recordId, userId: viewer.id, role: 'viewer' },
      ]);
      const otherRecordId = await createRecord(database.db, otherFamily.id, 'pregnancy', 'Our pregnancy');
      return { owner, carer, viewer, otherFamily, recordId, otherRecordId };
    }

    test('an invitation is accepted by the invited, confirmed account only, once', async () => {
      const { owner, recordId } = await createFamily();
      const grandparent = await createPerson('grandparent');
      const stranger = await createPerson('stranger');
      const invited = await inviteCarer(database.db, { actorId: owner.id, recordId, email: grandparent.email.toUpperCase(), role: 'viewer', now, randomBytes });
      if (!invited.ok) throw new Error('invitation refused');
      expect(invited.email).toBe(grandparent.email);

      // Someone else holding the link learns nothing about the record, and the link is not spent.
      expect(await describeInvitation(database.db, invited.token, stranger, now)).toEqual({ state: 'valid', recordName: '', role: 'viewer', forThisAccount: false, emailVerified: true });
      expect(await acceptInvitation(database.db, { token: invited.token, user: stranger, now })).toEqual({ ok: false, reason: 'wrong-account' });
      expect(await acceptInvitation(database.db, { token: invited.token, user: { ...grandparent, emailVerified: false }, now })).toEqual({ ok: false, reason: 'email-not-verified' });

      const accepted = await acceptInvitation(database.db, { token: invited.token, user: grandparent, now });
      expect(accepted).toEqual({ ok: true, recordId });
      expect(await listAccessibleRecords(database.db, grandparent.id)).toEqual([{ recordId, kind: 'child', name: 'Ada', role: 'viewer' }]);
      expect(await acceptInvitation(database.db, { token: invited.token, user: grandparent, now })).toEqual({ ok: false, reason: 'invalid' });
    });

    test('an invitation stops working at exactly 7 days, and a cancelled one at once', async () => {
      const { owner, recordId } = await createFamily();
      const late = await createPerson('late');
      const invited = await inviteCarer(database.db, { actorId: owner.id, recordId, email: late.email, role: 'carer', now, randomBytes });
      if (!invited.ok) throw new Error('invitation refused');
      const atExpiry = new Date(now.getTime() + invitationLifetimeMs);
      expect((await describeInvitation(database.db, invited.token, late, new Date(atExpiry.getTime() - 1))).state).toBe('valid');
      expect(await acceptInvitation(database.db, { token: invited.token, user: late, now: atExpiry })).toEqual({ ok: false, reason: 'expired' });

      const again = await inviteCarer(database.db, { actorId: owner.id, recordId, email: late.email, role: 'carer', now, randomBytes });
      if (!again.ok) throw new Error('invitation refused');
      // Inviting again replaces the earlier link.
      expect((await describeInvitation(database.db, invited.token, late, now)).state).toBe('invalid');
      const listed = await listCarers(database.db, owner.id, recordId, now);
      const pending = listed.ok ? listed.invitations.filter((invitation) => invitation.email === late.email) : [];
      expect(pending).toHaveLength(1);
      expect(await cancelInvitation(database.db, { actorId: owner.id, recordId, invitationId: pending[0]?.id ?? null, now })).toEqual({ ok: true });
      expect(await acceptInvitation(database.db, { token: again.token, user: late, now })).toEqual({ ok: false, reason: 'invalid' });
    });

    test('inviting: owners only; a second family is told the record is not there; bad input gets a message', async () => {
      const { owner, carer, viewer, otherFamily, recordId } = await createFamily();
      const input = { recordId, email: 'someone@example.com', role: 'carer', now, randomBytes };
      expect(await inviteCarer(database.db, { ...input, actorId: carer.id })).toEqual({ ok: false, reason: 'forbidden' });
      expect(await inviteCarer(database.db, { ...input, actorId: viewer.id })).toEqual({ ok: false, reason: 'forbidden' });
      expect(await inviteCarer(database.db, { ...input, actorId: otherFamily.id })).toEqual({ ok: false, reason: 'not-found' });
      expect(await inviteCarer(database.db, { ...input, actorId: owner.id, email: 'nope', role: 'admin' })).toEqual({
        ok: false,
        reason: 'invalid',
        errors: [
          { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
          { field: 'role', message: 'Select what they can do' },
        ],
      });
      expect(await inviteCarer(database.db, { ...input, actorId: owner.id, email: carer.email })).toMatchObject({ ok: false, errors: [{ message: 'This person can already see this record' }] });
    });

    test('owners see who has access; removing a carer takes effect at once; an owner cannot be removed', async () => {
      const { owner, carer, viewer, otherFamily, recordId } = await createFamily();
      const listed = await listCarers(database.db, owner.id, recordId, now);
      expect(listed.ok && listed.carers.map((person) => [person.email, person.role])).toEqual([
        [owner.email, 'owner'],
        [carer.email, 'carer'],
        [viewer.email, 'viewer'],
      ]);
      expect(await listCarers(database.db, carer.id, recordId, now)).toEqual({ ok: false, reason: 'forbidden' });
      expect(await listCarers(database.db, otherFamily.id, recordId, now)).toEqual({ ok: false, reason: 'not-found' });
      expect(await removeCarer(database.db, { actorId: carer.id, recordId, userId: viewer.id })).toEqual({ ok: false, reason: 'forbidden' });
      expect(await removeCarer(database.db, { actorId: owner.id, recordId, userId: carer.id })).toEqual({ ok: true });
      expect(await listNotes(database.db, carer.id, recordId)).toEqual({ ok: false, reason: 'not-found' });
      expect(await removeCarer(database.db, { actorId: owner.id, recordId, userId: owner.id })).toEqual({ ok: false, reason: 'cannot-remove-owner' });
      expect(await removeCarer(database.db, { actorId: owner.id, recordId, userId: otherFamily.id })).toEqual({ ok: false, reason: 'not-a-carer' });
    });

    test('two owners: neither can remove the other or delete the record alone; either can leave; the last owner deletes it', async () => {
      const { owner, recordId } = await createFamily();
      const secondOwner = await createPerson('second-owner');
      const invited = await inviteCarer(database.db, { actorId: owner.id, recordId, email: secondOwner.email, role: 'owner', now, randomBytes });
      if (!invited.ok) throw new Error('invitation refused');
      await acceptInvitation(database.db, { token: invited.token, user: secondOwner, now });

      expect(await removeCarer(database.db, { actorId: secondOwner.id, recordId, userId: owner.id })).toEqual({ ok: false, reason: 'cannot-remove-owner' });
      expect(await deleteRecord(database.db, { actorId: owner.id, recordId })).toEqual({ ok: false, reason: 'other-owners' });
      expect(await leaveRecord(database.db, { actorId: owner.id, recordId })).toEqual({ ok: true });
      expect(await leaveRecord(database.db, { actorId: secondOwner.id, recordId })).toEqual({ ok: false, reason: 'last-owner' });
      expect(await deleteRecord(database.db, { actorId: secondOwner.id, recordId })).toEqual({ ok: true });
      expect(await database.db.select().from(records).where(eq(records.id, recordId))).toEqual([]);
    });

    test('notes: owners and carers add, viewers only read, a second family neither', async () => {
      const { owner, carer, viewer, otherFamily, recordId } = await createFamily();
      expect(await addNote(database.db, owner.id, recordId, 'First bath today')).toEqual({ ok: true });
      expect(await addNote(database.db, carer.id, recordId, 'Slept from 7pm')).toEqual({ ok: true });
      expect(await addNote(database.db, viewer.id, recordId, 'Hello')).toEqual({ ok: false, reason: 'forbidden' });
      expect(await addNote(database.db, otherFamily.id, recordId, 'Hello')).toEqual({ ok: false, reason: 'not-found' });
      expect(await addNote(database.db, carer.id, recordId, '   ')).toEqual({ ok: false, reason: 'invalid', message: 'Enter your note' });
      const read = await listNotes(database.db, viewer.id, recordId);
      expect(read.ok && read.notes.map((note) => note.body).sort()).toEqual(['First bath today', 'Slept from 7pm']);
      expect(await listNotes(database.db, otherFamily.id, recordId)).toEqual({ ok: false, reason: 'not-found' });
    });

    test('the activity log says who did what for owners only, and never holds what was written', async () => {
      const { owner, carer, otherFamily, recordId } = await createFamily();
      await addNote(database.db, carer.id, recordId, 'Private words');
      const log = await listAuditEvents(database.db, owner.id, recordId);
      expect(log.ok && log.entries.map((entry) => [entry.actorEmail, entry.action])).toEqual([
        [carer.email, 'note-added'],
        [owner.email, 'record-created'],
      ]);
      expect(await listAuditEvents(database.db, carer.id, recordId)).toEqual({ ok: false, reason: 'forbidden' });
      expect(await listAuditEvents(database.db, otherFamily.id, recordId)).toEqual({ ok: false, reason: 'not-found' });
      const stored = await database.db.select().from(auditEvents).where(eq(auditEvents.recordId, recordId));
      expect(JSON.stringify(stored)).not.toContain('Private words');
    });

    test('download all my data: my records, notes and sharing, and nothing of another family', async () => {
      const { owner, carer, otherFamily, recordId } = await createFamily();
      await addNote(database.db, carer.id, recordId, 'Weighed at clinic');
      const ownerData = await exportAccountData(database.db, owner.id, now);
      expect(ownerData?.account.email).toBe(owner.email);
      expect(ownerData?.records.map((record) => [record.name, record.yourRole, record.notes.map((note) => [note.text, note.writtenBy])])).toEqual([
        ['Ada', 'owner', [['Weighed at clinic', carer.email]]],
      ]);
      expect(ownerData?.records[0]?.sharedWith?.length).toBe(3);
      const carerData = await exportAccountData(database.db, carer.id, now);
      expect(carerData?.records[0]?.sharedWith).toBeUndefined();
      expect(carerData?.records[0]?.notes[0]?.writtenBy).toBe('you');
      expect(JSON.stringify(await exportAccountData(database.db, otherFamily.id, now))).not.toContain('Ada');
    });

    test('deleting an account: records it alone owns go, shared ownership stays with the other owner, carers just leave', async () => {
      const { owner, carer, viewer, recordId } = await createFamily();
      const coOwned = await createRecord(database.db, owner.id, 'pregnancy', 'Bump');
      const partner = await createPerson('partner');
      await database.db.insert(recordCarers).values({ recordId: coOwned, userId: partner.id, role: 'owner' });

      expect(await planAccountDeletion(database.db, owner.id)).toEqual({
        recordsDeleted: [{ id: recordId, name: 'Ada', sharedWithOthers: true }],
        recordsLeft: [{ id: coOwned, name: 'Bump' }],
      });
      expect(await planAccountDeletion(database.db, carer.id)).toEqual({ recordsDeleted: [], recordsLeft: [{ id: recordId, name: 'Ada' }] });

      expect(await deleteAccount(database.db, owner.id, planToDeletedIds(await planAccountDeletion(database.db, owner.id)))).toEqual({ ok: true, recordsDeleted: 1 });
      expect(await listAccessibleRecords(database.db, viewer.id)).toEqual([]);
      expect(await listAccessibleRecords(database.db, partner.id)).toEqual([{ recordId: coOwned, kind: 'pregnancy', name: 'Bump', role: 'owner' }]);
      expect(await database.db.select().from(users).where(eq(users.id, owner.id))).toEqual([]);
    });

    test('two owners deleting their accounts at the same moment: one goes, the other is shown that the record would now be deleted', async () => {
      const first = await createPerson('first');
      const second = await createPerson('second');
      const recordId = await createRecord(database.db, first.id, 'child', 'Shared');
      await database.db.insert(recordCarers).values({ recordId, userId: second.id, role: 'owner' });
      // Both were shown "you will be taken off Shared; the other owner keeps it".
      const shown = planToDeletedIds(await planAccountDeletion(database.db, first.id));
      expect(shown).toBe('');
      const results = await Promise.all([deleteAccount(database.db, first.id, shown), deleteAccount(database.db, second.id, shown)]);
      expect(results.map((result) => result.ok).sort()).toEqual([false, true]);
      expect(results.find((result) => !result.ok)).toEqual({ ok: false, reason: 'plan-changed' });
      // The record was never deleted without its last owner being told.
      expect(await database.db.select({ id: records.id }).from(records).where(eq(records.id, recordId))).toEqual([{ id: recordId }]);
    });

    test('a plan that no longer matches deletes nothing', async () => {
      const person = await createPerson('stale-plan');
      const recordId = await createRecord(database.db, person.id, 'child', 'Kept');
      expect(await deleteAccount(database.db, person.id, '')).toEqual({ ok: false, reason: 'plan-changed' });
      expect(await listAccessibleRecords(database.db, person.id)).toEqual([{ recordId, kind: 'child', name: 'Kept', role: 'owner' }]);
    });

    test('invitations are limited per invited address and per owner', async () => {
      const { owner, recordId } = await createFamily();
      const { invitationRateLimits } = await import('../../src/records/carers.ts');
      for (let attempt = 1; attempt <= invitationRateLimits.perInvitedAddress.attempts; attempt += 1) {
        expect((await inviteCarer(database.db, { actorId: owner.id, recordId, email: 'popular@example.com', role: 'viewer', now, randomBytes })).ok).toBe(true);
      }
      expect(await inviteCarer(database.db, { actorId: owner.id, recordId, email: 'popular@example.com', role: 'viewer', now, randomBytes })).toMatchObject({ ok: false, reason: 'rate-limited' });
      for (let attempt = invitationRateLimits.perInvitedAddress.attempts + 2; attempt <= invitationRateLimits.perOwner.attempts; attempt += 1) {
        expect((await inviteCarer(database.db, { actorId: owner.id, recordId, email: `person${attempt}@example.com`, role: 'viewer', now, randomBytes })).ok).toBe(true);
      }
      expect(await inviteCarer(database.db, { actorId: owner.id, recordId, email: 'one-more@example.com', role: 'viewer', now, randomBytes })).toMatchObject({ ok: false, reason: 'rate-limited' });
    });
  });
}

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`housekeeping on ${driver.kind}`, () => {
    test('deletes expired sessions, old rate-limit windows and spent links and invitations, and keeps live ones', async () => {
      const { database, destroy } = await driver.create();
      try {
        await database.migrate();
        const { sessions: sessionsTable, rateLimits, oneTimeTokens } = await import('../../src/db/schema.ts');
        const { deleteExpiredSignInData } = await import('../../src/auth/housekeeping.ts');
        const [user] = await database.db.insert(users).values({ email: 'keep@example.com', passwordHash: 'x' }).returning({ id: users.id });
        const userId = user?.id ?? '';
        const hour = 60 * 60 * 1000;
        const at = (ms: number) => new Date(now.getTime() + ms);
        await database.db.insert(sessionsTable).values([
          { id: 'expired', userId, expiresAt: at(-1) },
          { id: 'live', userId, expiresAt: at(hour) },
        ]);
        await database.db.insert(rateLimits).values([
          { key: 'old', windowStartedAt: at(-25 * hour), attempts: 3 },
          { key: 'recent', windowStartedAt: at(-hour), attempts: 3 },
        ]);
        await database.db.insert(oneTimeTokens).values([
          { id: 'used-long-ago', userId, purpose: 'verify-email', expiresAt: at(hour), usedAt: at(-25 * hour) },
          { id: 'expired-long-ago', userId, purpose: 'reset-password', expiresAt: at(-25 * hour) },
          { id: 'live', userId, purpose: 'reset-password', expiresAt: at(hour) },
        ]);
        expect(await deleteExpiredSignInData(database.db, now)).toEqual({ sessions: 1, rateLimits: 1, oneTimeTokens: 2, invitations: 0 });
        expect((await database.db.select({ id: sessionsTable.id }).from(sessionsTable)).map((row) => row.id)).toEqual(['live']);
        expect((await database.db.select({ id: oneTimeTokens.id }).from(oneTimeTokens)).map((row) => row.id)).toEqual(['live']);
      } finally {
        await database.close();
        await destroy();
      }
    });
  });
}
