/** One-time tokens and the record access check, on every engine. A second family never sees or changes anything. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { recordCarers, users } from '../../src/db/schema.ts';
import { consumeOneTimeToken, createOneTimeToken, invalidateUserTokens, tokenLifetimesMs } from '../../src/auth/one-time-token.ts';
import { checkRecordAccess, createRecord, listAccessibleRecords, type RecordAction } from '../../src/records/access.ts';
import { databaseDrivers } from './drivers.ts';

const now = new Date('2026-11-25T09:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const random = (length: number) => crypto.getRandomValues(new Uint8Array(length));

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`tokens and record access on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    const people: Record<'owner' | 'carer' | 'viewer' | 'otherFamily', string> = { owner: '', carer: '', viewer: '', otherFamily: '' };

    beforeEach(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      for (const name of Object.keys(people) as (keyof typeof people)[]) {
        const [user] = await database.db.insert(users).values({ email: `${name}@example.com`, passwordHash: 'x' }).returning({ id: users.id });
        people[name] = user?.id ?? '';
      }
    });
    afterEach(async () => {
      await database.close();
      await destroy();
    });

    test('a reset token works once, within its hour, for its own purpose only', async () => {
      const token = await createOneTimeToken(database.db, people.owner, 'reset-password', now, random);
      expect(await consumeOneTimeToken(database.db, token, 'verify-email', later(1))).toEqual({ ok: false, reason: 'invalid' });
      expect(await consumeOneTimeToken(database.db, token, 'reset-password', later(tokenLifetimesMs['reset-password'] - 1))).toEqual({ ok: true, userId: people.owner, newEmail: null });
      expect(await consumeOneTimeToken(database.db, token, 'reset-password', later(2))).toEqual({ ok: false, reason: 'invalid' });
    });

    test('a reset token is refused from the moment it expires, and is spent even so', async () => {
      const token = await createOneTimeToken(database.db, people.owner, 'reset-password', now, random);
      expect(await consumeOneTimeToken(database.db, token, 'reset-password', later(tokenLifetimesMs['reset-password']))).toEqual({ ok: false, reason: 'expired' });
      expect(await consumeOneTimeToken(database.db, token, 'reset-password', later(1))).toEqual({ ok: false, reason: 'invalid' });
    });

    test('cancelling a user\'s reset tokens spends every one', async () => {
      const first = await createOneTimeToken(database.db, people.owner, 'reset-password', now, random);
      const second = await createOneTimeToken(database.db, people.owner, 'reset-password', now, random);
      await invalidateUserTokens(database.db, people.owner, 'reset-password', later(1));
      for (const token of [first, second]) expect((await consumeOneTimeToken(database.db, token, 'reset-password', later(2))).ok).toBe(false);
    });

    test('an unknown token is refused', async () => {
      expect(await consumeOneTimeToken(database.db, 'not-a-token', 'verify-email', now)).toEqual({ ok: false, reason: 'invalid' });
    });

    describe('the access check', () => {
      let recordId: string;
      beforeEach(async () => {
        recordId = await createRecord(database.db, people.owner, 'child', 'Ada');
        await database.db.insert(recordCarers).values([
          { recordId, userId: people.carer, role: 'carer' },
          { recordId, userId: people.viewer, role: 'viewer' },
        ]);
      });

      const matrix: [keyof typeof people, RecordAction, 'ok' | 'not-found' | 'forbidden'][] = [
        ['owner', 'read', 'ok'],
        ['owner', 'add-entry', 'ok'],
        ['owner', 'manage-carers', 'ok'],
        ['owner', 'delete-record', 'ok'],
        ['carer', 'read', 'ok'],
        ['carer', 'add-entry', 'ok'],
        ['carer', 'manage-carers', 'forbidden'],
        ['carer', 'delete-record', 'forbidden'],
        ['viewer', 'read', 'ok'],
        ['viewer', 'add-entry', 'forbidden'],
        ['viewer', 'manage-carers', 'forbidden'],
        ['viewer', 'delete-record', 'forbidden'],
        ['otherFamily', 'read', 'not-found'],
        ['otherFamily', 'add-entry', 'not-found'],
        ['otherFamily', 'manage-carers', 'not-found'],
        ['otherFamily', 'delete-record', 'not-found'],
      ];
      test.each(matrix)('%s may %s: %s', async (person, action, expected) => {
        const access = await checkRecordAccess(database.db, people[person], recordId, action);
        expect(access.ok ? 'ok' : access.reason).toBe(expected);
      });

      test('an id that is not a record, or not even an id, is "not found" too', async () => {
        expect(await checkRecordAccess(database.db, people.owner, '00000000-0000-4000-8000-000000000000', 'read')).toEqual({ ok: false, reason: 'not-found' });
        expect(await checkRecordAccess(database.db, people.owner, "1' or '1'='1", 'read')).toEqual({ ok: false, reason: 'not-found' });
      });

      test('each person lists only the records they are part of', async () => {
        expect(await listAccessibleRecords(database.db, people.viewer)).toEqual([{ recordId, kind: 'child', name: 'Ada', role: 'viewer' }]);
        expect(await listAccessibleRecords(database.db, people.otherFamily)).toEqual([]);
      });
    });
  });
}
