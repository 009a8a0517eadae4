/** How a pregnancy ends, on every engine: a birth of twins makes two shared child records; a loss closes the record. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { recordCarers } from '../../src/db/schema.ts';
import { createRecord, listAccessibleRecords } from '../../src/records/access.ts';
import { readRecord, saveRecordDetails, addEntry } from '../../src/red-book/entries.ts';
import { recordBirth, recordPregnancyLoss } from '../../src/red-book/outcomes.ts';
import { createPeople, databaseDrivers } from './drivers.ts';

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`pregnancy outcomes on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    const people = { owner: '', partner: '', carer: '' };

    beforeAll(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      await createPeople(database.db, people);
    });
    afterAll(async () => {
      await database.close();
      await destroy();
    });

    async function createPregnancy() {
      const id = await createRecord(database.db, people.owner, 'pregnancy', 'Our pregnancy');
      await database.db.insert(recordCarers).values([
        { recordId: id, userId: people.partner, role: 'owner' },
        { recordId: id, userId: people.carer, role: 'carer' },
      ]);
      await saveRecordDetails(database.db, { userId: people.owner, recordId: id, details: { dueDate: '2026-12-20' } });
      return id;
    }

    test('twins born at 34+5: two child records with the same carers and roles; the pregnancy closes', async () => {
      const pregnancyId = await createPregnancy();
      const result = await recordBirth(database.db, {
        userId: people.owner,
        pregnancyId,
        dateOfBirth: '2026-11-20',
        gestation: { weeks: 35, days: 5 },
        babies: [
          { name: 'Ada', sex: 'female' },
          { name: 'Ben', sex: 'male' },
        ],
      });
      expect(result.ok && result.childIds.length).toBe(2);
      for (const person of [people.owner, people.partner, people.carer]) {
        const names = (await listAccessibleRecords(database.db, person)).filter((record) => record.kind === 'child').map((record) => record.name);
        expect(names).toEqual(expect.arrayContaining(['Ada', 'Ben']));
      }
      const carerView = (await listAccessibleRecords(database.db, people.carer)).find((record) => record.name === 'Ben');
      expect(carerView?.role).toBe('carer');
      expect(await readRecord(database.db, people.owner, pregnancyId)).toMatchObject({ status: 'closed', closedReason: 'born', closedOn: '2026-11-20' });
      if (result.ok) expect(await readRecord(database.db, people.owner, result.childIds[0] ?? '')).toMatchObject({ details: { dateOfBirth: '2026-11-20', sex: 'female', gestationAtBirth: { weeks: 35, days: 5 } } });
      // Recording the birth twice does nothing more.
      expect(await recordBirth(database.db, { userId: people.owner, pregnancyId, dateOfBirth: '2026-11-20', gestation: { weeks: 35, days: 5 }, babies: [{ name: 'Cy', sex: 'male' }] })).toEqual({ ok: false, reason: 'record-closed' });
    });

    test('a loss closes the record at once: read-only, nothing more can be added', async () => {
      const pregnancyId = await createPregnancy();
      expect(await recordPregnancyLoss(database.db, { userId: people.carer, pregnancyId, on: '2026-11-01' })).toEqual({ ok: false, reason: 'forbidden' });
      expect(await recordPregnancyLoss(database.db, { userId: people.partner, pregnancyId, on: '2026-11-01' })).toEqual({ ok: true });
      expect(await readRecord(database.db, people.carer, pregnancyId)).toMatchObject({ status: 'closed', closedReason: 'pregnancy-loss' });
      expect(await addEntry(database.db, { userId: people.owner, recordId: pregnancyId, kind: 'health-review', occurredOn: '2026-11-02', data: {}, provenance: 'parent-or-carer' })).toEqual({ ok: false, reason: 'record-closed' });
    });

    test('only a pregnancy can have a birth or a loss recorded', async () => {
      const childId = await createRecord(database.db, people.owner, 'child', 'Cal');
      expect(await recordPregnancyLoss(database.db, { userId: people.owner, pregnancyId: childId, on: '2026-11-01' })).toEqual({ ok: false, reason: 'not-a-pregnancy' });
    });
  });
}
