/**
 * The red book file on every engine: a child's record exported and imported again loses nothing
 * (details, entries with provenance, history, deleted entries, notes); a child's death closes the
 * record for good; edits are scoped to their kind; "download all my data" holds the red book too.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { recordCarers } from '../../src/db/schema.ts';
import { exportAccountData } from '../../src/records/account-data.ts';
import { createRecord } from '../../src/records/access.ts';
import { listAuditEvents } from '../../src/records/audit.ts';
import { addNote } from '../../src/records/notes.ts';
import { checkChildDetails } from '../../src/red-book/child-details.ts';
import { addEntry, deleteEntry, editEntry, listEntries, listEntryVersions, readRecord, saveRecordDetails } from '../../src/red-book/entries.ts';
import { recordChildDied } from '../../src/red-book/outcomes.ts';
import { checkRedBookFile, exportRedBook, importRedBook, type RedBookFile } from '../../src/red-book/portability.ts';
import { createPeople, databaseDrivers } from './drivers.ts';

const today = '2026-11-25';
const details = checkChildDetails(
  { 'dateOfBirth-day': '10', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2026', sex: 'female', gestationWeeks: '30', gestationDays: '2', nhsNumber: '943 476 5919', birthWeightKg: '1.4', healthProblems: 'Reflux\nseen by GP', 'programme-bcg': 'yes' },
  today,
);

/** A file without what is expected to differ between two exports (when, and the new record's creation). */
function comparable(file: RedBookFile) {
  return {
    record: { ...file.record, createdAt: undefined },
    entries: file.entries.map((entry) => ({ ...entry })),
    notes: file.notes,
  };
}

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`the red book file on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    const people = { owner: '', carer: '', viewer: '', otherFamily: '' };
    let recordId = '';

    beforeAll(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      await createPeople(database.db, people);
      if (!details.ok) throw new Error('fixture details do not check');
      recordId = await createRecord(database.db, people.owner, 'child', 'Bea');
      await database.db.insert(recordCarers).values([
        { recordId, userId: people.carer, role: 'carer' },
        { recordId, userId: people.viewer, role: 'viewer' },
      ]);
      await saveRecordDetails(database.db, { userId: people.owner, recordId, details: { ...details.details } });
      const add = (kind: 'measurement' | 'immunisation' | 'screening' | 'health-review' | 'first', occurredOn: string, data: Record<string, unknown>, provenance: 'parent-or-carer' | 'professional' = 'parent-or-carer') =>
        addEntry(database.db, { userId: people.carer, recordId, kind, occurredOn, data, provenance });
      const weight = await add('measurement', '2026-04-20', { quantity: 'weight', value: 3.1, position: null, measuredBy: null });
      await add('measurement', '2026-06-01', { quantity: 'length', value: 55.5, position: 'lying', measuredBy: 'Clinic nurse' }, 'professional');
      await add('immunisation', '2026-03-07', { vaccine: 'dtap-ipv-hib-hepb', place: 'GP surgery', batch: 'AB-12/3' }, 'professional');
      await add('screening', '2026-01-31', { test: 'hearing', hearing: { left: 'clear-response', right: 'no-clear-response', followUp: 'audiology' }, by: 'Screener', notes: null }, 'professional');
      await add('health-review', '2026-01-22', { review: 'new-baby', by: 'Health visitor', notes: 'Feeding well' });
      const first = await add('first', '2026-05-02', { first: 'own', label: 'First swim', notes: 'Loved it' });
      if (!weight.ok || !first.ok) throw new Error('fixture entries not added');
      await editEntry(database.db, { userId: people.owner, recordId, entryId: weight.entryId, occurredOn: '2026-04-20', data: { quantity: 'weight', value: 3.2, position: null, measuredBy: null }, provenance: 'professional' });
      await deleteEntry(database.db, { userId: people.owner, recordId, entryId: first.entryId });
      await addNote(database.db, people.owner, recordId, 'A note\nwith two lines');
    });
    afterAll(async () => {
      await database.close();
      await destroy();
    });

    test('export then import loses nothing: details, entries, provenance, every version, deleted entries and notes', async () => {
      const exported = await exportRedBook(database.db, people.owner, recordId, new Date('2026-11-25T10:00:00Z'));
      if (!exported.ok) throw new Error('not exported');
      expect(exported.file.entries.map((entry) => [entry.kind, entry.provenance, entry.history.length, entry.deletedAt === null])).toEqual([
        ['health-review', 'parent-or-carer', 1, true],
        ['screening', 'professional', 1, true],
        ['immunisation', 'professional', 1, true],
        ['measurement', 'professional', 2, true],
        ['first', 'parent-or-carer', 2, false],
        ['measurement', 'professional', 1, true],
      ]);
      expect(JSON.stringify(exported.file)).not.toContain('@example.com');

      // Through JSON, as a family's file would travel.
      const checked = checkRedBookFile(JSON.parse(JSON.stringify(exported.file)), today);
      if (!checked.ok) throw new Error(checked.message);
      const importedId = await importRedBook(database.db, people.otherFamily, checked.file);
      const again = await exportRedBook(database.db, people.otherFamily, importedId, new Date('2026-11-25T11:00:00Z'));
      if (!again.ok) throw new Error('not exported again');
      expect(comparable(again.file)).toEqual(comparable(exported.file));

      // The new record is the importer's alone, and its log says it was imported.
      expect(await readRecord(database.db, people.owner, importedId)).toEqual({ ok: false, reason: 'not-found' });
      const log = await listAuditEvents(database.db, people.otherFamily, importedId);
      expect(log.ok && log.entries.map((entry) => entry.action)).toEqual(['record-imported']);
      // Earlier versions keep their dates; who made them is not in the file.
      const listed = await listEntries(database.db, people.otherFamily, importedId, 'measurement');
      const edited = listed.ok ? listed.entries.find((entry) => (entry.data as { value: number }).value === 3.2) : undefined;
      const versions = edited ? await listEntryVersions(database.db, people.otherFamily, importedId, edited.id) : null;
      expect(versions?.ok && versions.versions.map((version) => [version.change, version.changedById])).toEqual([
        ['edited', null],
        ['created', null],
      ]);
    });

    test('a second family cannot export the record, and the export needs only read access', async () => {
      expect(await exportRedBook(database.db, people.otherFamily, recordId, new Date())).toEqual({ ok: false, reason: 'not-found' });
      expect((await exportRedBook(database.db, people.viewer, recordId, new Date())).ok).toBe(true);
    });

    test('only owners get deleted entries in the file: carers and viewers never see what an owner deleted', async () => {
      for (const [person, count] of [
        [people.owner, 6],
        [people.carer, 5],
        [people.viewer, 5],
      ] as const) {
        const exported = await exportRedBook(database.db, person, recordId, new Date());
        expect(exported.ok && [exported.file.entries.length, exported.file.entries.some((entry) => entry.deletedAt !== null)]).toEqual([count, count === 6]);
      }
    });

    test('"download all my data" includes the red book entries with their history, and never other people\'s addresses for carers', async () => {
      const carerData = await exportAccountData(database.db, people.carer, new Date());
      const record = carerData?.records.find((candidate) => candidate.id === recordId);
      expect(record?.redBook.entries.length).toBe(5);
      expect((record?.redBook.details as { nhsNumber?: string }).nhsNumber).toBe('9434765919');
      expect(JSON.stringify(record?.redBook)).not.toContain("@example.com");
    });

    test('an edit through one kind cannot change an entry of another kind', async () => {
      const listed = await listEntries(database.db, people.owner, recordId, 'immunisation');
      const dose = listed.ok ? listed.entries[0] : undefined;
      if (!dose) throw new Error('no dose');
      expect(await editEntry(database.db, { userId: people.owner, recordId, entryId: dose.id, kind: 'measurement', occurredOn: '2026-03-07', data: { quantity: 'weight', value: 4, position: null, measuredBy: null }, provenance: 'parent-or-carer' })).toEqual({
        ok: false,
        reason: 'not-found',
      });
      expect(await editEntry(database.db, { userId: people.owner, recordId, entryId: dose.id, kind: 'immunisation', occurredOn: '2026-03-08', data: dose.data, provenance: 'professional' })).toEqual({ ok: true });
    });

    test("a child's death: only an owner can close the record; it is kept, read-only, for everyone who shares it", async () => {
      const childId = await createRecord(database.db, people.owner, 'child', 'Cai');
      await database.db.insert(recordCarers).values({ recordId: childId, userId: people.carer, role: 'carer' });
      await saveRecordDetails(database.db, { userId: people.owner, recordId: childId, details: details.ok ? { ...details.details } : {} });
      expect(await recordChildDied(database.db, { userId: people.carer, childId, on: today })).toEqual({ ok: false, reason: 'forbidden' });
      expect(await recordChildDied(database.db, { userId: people.otherFamily, childId, on: today })).toEqual({ ok: false, reason: 'not-found' });
      const pregnancyId = await createRecord(database.db, people.owner, 'pregnancy', 'Bump');
      expect(await recordChildDied(database.db, { userId: people.owner, childId: pregnancyId, on: today })).toEqual({ ok: false, reason: 'not-a-child' });

      expect(await recordChildDied(database.db, { userId: people.owner, childId, on: today })).toEqual({ ok: true });
      expect(await recordChildDied(database.db, { userId: people.owner, childId, on: today })).toEqual({ ok: false, reason: 'record-closed' });
      const read = await readRecord(database.db, people.carer, childId);
      expect(read.ok && [read.status, read.closedReason, read.closedOn]).toEqual(['closed', 'child-died', today]);
      expect(await addEntry(database.db, { userId: people.owner, recordId: childId, kind: 'first', occurredOn: '2026-05-02', data: { first: 'smiled', label: null, notes: null }, provenance: 'parent-or-carer' })).toEqual({
        ok: false,
        reason: 'record-closed',
      });
      expect(await saveRecordDetails(database.db, { userId: people.owner, recordId: childId, details: {} })).toEqual({ ok: false, reason: 'record-closed' });
      expect(await addNote(database.db, people.carer, childId, 'A note')).toEqual({ ok: false, reason: 'record-closed' });
      const log = await listAuditEvents(database.db, people.owner, childId);
      expect(log.ok && log.entries.map((entry) => entry.action)).toContain('record-closed');

      // Exported and imported again, it stays closed for the same reason.
      const exported = await exportRedBook(database.db, people.owner, childId, new Date());
      const checked = exported.ok ? checkRedBookFile(JSON.parse(JSON.stringify(exported.file)), today) : null;
      if (!checked?.ok) throw new Error('closed record did not check');
      const importedId = await importRedBook(database.db, people.owner, checked.file);
      const imported = await readRecord(database.db, people.owner, importedId);
      expect(imported.ok && [imported.status, imported.closedReason]).toEqual(['closed', 'child-died']);
    });
  });
}
