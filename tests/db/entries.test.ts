/** Red book entries on every engine: access, history of edits and deletions, closed records read-only. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/index.ts';
import { recordCarers, records } from '../../src/db/schema.ts';
import { createRecord } from '../../src/records/access.ts';
import { addEntry, deleteEntry, editEntry, listEntries, listEntryVersions, readRecord, saveRecordDetails } from '../../src/red-book/entries.ts';
import { createPeople, databaseDrivers } from './drivers.ts';

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`red book entries on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    const people = { owner: '', carer: '', viewer: '', otherFamily: '' };
    let recordId = '';

    beforeAll(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      await createPeople(database.db, people);
      recordId = await createRecord(database.db, people.owner, 'child', 'Ada');
      await database.db.insert(recordCarers).values([
        { recordId, userId: people.carer, role: 'carer' },
        { recordId, userId: people.viewer, role: 'viewer' },
      ]);
    });
    afterAll(async () => {
      await database.close();
      await destroy();
    });

    const weight = { quantity: 'weight', value: 4.2, position: null, measuredBy: null };

    test('owners and carers add; viewers cannot; a second family is told the record is not there', async () => {
      const input = { recordId, kind: 'measurement' as const, occurredOn: '2026-10-01', data: weight, provenance: 'parent-or-carer' as const };
      expect((await addEntry(database.db, { ...input, userId: people.carer })).ok).toBe(true);
      expect(await addEntry(database.db, { ...input, userId: people.viewer })).toEqual({ ok: false, reason: 'forbidden' });
      expect(await addEntry(database.db, { ...input, userId: people.otherFamily })).toEqual({ ok: false, reason: 'not-found' });
      expect(await listEntries(database.db, people.otherFamily, recordId)).toEqual({ ok: false, reason: 'not-found' });
      expect(await saveRecordDetails(database.db, { userId: people.otherFamily, recordId, details: {} })).toEqual({ ok: false, reason: 'not-found' });
      expect(await readRecord(database.db, people.otherFamily, recordId)).toEqual({ ok: false, reason: 'not-found' });
    });

    test('an edit keeps the earlier value, with who changed it; a deletion hides the entry but keeps its history', async () => {
      const added = await addEntry(database.db, { userId: people.owner, recordId, kind: 'measurement', occurredOn: '2026-10-08', data: weight, provenance: 'parent-or-carer' });
      if (!added.ok) throw new Error('not added');
      expect(await editEntry(database.db, { userId: people.carer, recordId, entryId: added.entryId, occurredOn: '2026-10-08', data: { ...weight, value: 4.3 }, provenance: 'professional' })).toEqual({ ok: true });
      expect(await deleteEntry(database.db, { userId: people.owner, recordId, entryId: added.entryId })).toEqual({ ok: true });
      const history = await listEntryVersions(database.db, people.viewer, recordId, added.entryId);
      expect(history.ok && history.versions.map((version) => [version.version, version.change, (version.data as { value: number }).value, version.provenance, version.changedByEmail])).toEqual([
        [3, 'deleted', 4.3, 'professional', 'owner@example.com'],
        [2, 'edited', 4.3, 'professional', 'carer@example.com'],
        [1, 'created', 4.2, 'parent-or-carer', 'owner@example.com'],
      ]);
      const listed = await listEntries(database.db, people.owner, recordId, 'measurement');
      expect(listed.ok && listed.entries.some((entry) => entry.id === added.entryId)).toBe(false);
      expect(await editEntry(database.db, { userId: people.owner, recordId, entryId: added.entryId, occurredOn: '2026-10-08', data: weight, provenance: 'parent-or-carer' })).toEqual({ ok: false, reason: 'not-found' });
    });

    test("an entry id from another family's record is not found through this record", async () => {
      const otherRecord = await createRecord(database.db, people.otherFamily, 'child', 'Eve');
      const theirs = await addEntry(database.db, { userId: people.otherFamily, recordId: otherRecord, kind: 'measurement', occurredOn: '2026-10-01', data: weight, provenance: 'parent-or-carer' });
      if (!theirs.ok) throw new Error('not added');
      expect(await editEntry(database.db, { userId: people.owner, recordId, entryId: theirs.entryId, occurredOn: '2026-10-01', data: weight, provenance: 'parent-or-carer' })).toEqual({ ok: false, reason: 'not-found' });
      expect(await deleteEntry(database.db, { userId: people.owner, recordId, entryId: theirs.entryId })).toEqual({ ok: false, reason: 'not-found' });
      expect(await listEntryVersions(database.db, people.owner, recordId, theirs.entryId)).toEqual({ ok: true, versions: [] });
      // 36 characters that are not a UUID never reach the database (which would refuse them with an error).
      expect(await deleteEntry(database.db, { userId: people.owner, recordId, entryId: '-'.repeat(36) })).toEqual({ ok: false, reason: 'not-found' });
      expect(await listEntryVersions(database.db, people.owner, recordId, 'a'.repeat(36))).toEqual({ ok: false, reason: 'not-found' });
    });

    test('a closed record can be read but not changed', async () => {
      const closed = await createRecord(database.db, people.owner, 'pregnancy', 'Our pregnancy');
      await database.db.update(records).set({ status: 'closed', closedReason: 'pregnancy-loss', closedOn: '2026-11-01' }).where(eq(records.id, closed));
      expect(await addEntry(database.db, { userId: people.owner, recordId: closed, kind: 'health-review', occurredOn: '2026-10-01', data: {}, provenance: 'parent-or-carer' })).toEqual({ ok: false, reason: 'record-closed' });
      expect(await saveRecordDetails(database.db, { userId: people.owner, recordId: closed, details: {} })).toEqual({ ok: false, reason: 'record-closed' });
      expect(await readRecord(database.db, people.owner, closed)).toMatchObject({ ok: true, status: 'closed', closedReason: 'pregnancy-loss', closedOn: '2026-11-01' });
    });
  });
}
