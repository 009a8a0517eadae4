/**
 * Two-step verification and the sessions list, in the database, on every engine: codes from an
 * authenticator app (each works once), recovery codes (hashed, each works once), the limit on wrong
 * codes, and ending sessions (only your own).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/index.ts';
import { recoveryCodes, sessions, totpCredentials, users } from '../../src/db/schema.ts';
import { createSession, endUserSession, lastSeenPrecisionMs, listUserSessions, markSecondStep, validateSessionToken } from '../../src/auth/session.ts';
import {
  disableAuthenticatorApp,
  enableAuthenticatorApp,
  generateTotpCode,
  generateTotpSecret,
  hashRecoveryCode,
  normaliseRecoveryCode,
  readTwoStepStatus,
  recoveryCodeCount,
  regenerateRecoveryCodes,
  secondStepRateLimit,
  totpPeriodSeconds,
  verifySecondStepCode,
} from '../../src/auth/two-step.ts';
import { exportAccountData } from '../../src/records/account-data.ts';
import { databaseDrivers } from './drivers.ts';

const start = new Date('2026-11-26T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const step = totpPeriodSeconds * 1000;
let counter = 0;
/** Deterministic "random" bytes, different on every call. */
const randomBytes = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 31 + (counter += 7)) % 256);

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`two-step verification on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    let userId: string;
    let otherUserId: string;
    const secret = generateTotpSecret(randomBytes);

    beforeEach(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      const created = await database.db
        .insert(users)
        .values([
          { email: 'parent@example.com', passwordHash: 'x', emailVerified: true },
          { email: 'other@example.com', passwordHash: 'x', emailVerified: true },
        ])
        .returning({ id: users.id });
      userId = created[0]?.id ?? '';
      otherUserId = created[1]?.id ?? '';
    });
    afterEach(async () => {
      await database.close();
      await destroy();
    });

    /** Sets up the app an hour before `start`, so the codes tested have not been used in setting up. */
    async function enable(): Promise<readonly string[]> {
      const setUpAt = at(-120 * step);
      const result = await enableAuthenticatorApp(database.db, { userId, secret, code: generateTotpCode(secret, setUpAt), now: setUpAt, randomBytes });
      if (!result.ok || !result.recoveryCodes) throw new Error('could not enable');
      return result.recoveryCodes;
    }

    test('setting up needs a code the app shows now; then two-step is on with 10 recovery codes, stored only as hashes', async () => {
      expect(await enableAuthenticatorApp(database.db, { userId, secret, code: '000000', now: start, randomBytes })).toEqual({ ok: false, reason: 'wrong-code' });
      expect(await enableAuthenticatorApp(database.db, { userId, secret: 'not-a-secret', code: generateTotpCode(secret, start), now: start, randomBytes })).toEqual({ ok: false, reason: 'bad-secret' });
      expect((await database.db.select().from(users).where(eq(users.id, userId)))[0]?.twoStepEnabled).toBe(false);
      const codes = await enable();
      expect(codes).toHaveLength(recoveryCodeCount);
      expect(new Set(codes).size).toBe(recoveryCodeCount);
      expect((await database.db.select().from(users).where(eq(users.id, userId)))[0]?.twoStepEnabled).toBe(true);
      const stored = await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, userId));
      expect(stored.map((row) => row.codeHash).sort()).toEqual(codes.map((code) => hashRecoveryCode(normaliseRecoveryCode(code) ?? '')).sort());
      expect(JSON.stringify(stored)).not.toContain(codes[0]);
      expect(await readTwoStepStatus(database.db, userId)).toEqual({ authenticatorApp: true, passkeys: 0, recoveryCodesLeft: 10 });
    });

    test.each([
      ['the code for this 30 seconds', 1, true],
      ['the code for the 30 seconds before (a slow typist)', 0, true],
      ['the code for the next 30 seconds (a clock a little ahead)', 2, true],
      ['a code from a minute ago', -1, false],
      ['a code from a minute ahead', 3, false],
    ])('%s is %s', async (_name, stepOffset, accepted) => {
      await enable();
      const now = at(step);
      const result = await verifySecondStepCode(database.db, { userId, code: generateTotpCode(secret, at(stepOffset * step)), now });
      expect(result.ok).toBe(accepted);
    });

    test('an accepted code cannot be used again, nor can an older one, but the next one works', async () => {
      await enable();
      const now = at(10 * step);
      const code = generateTotpCode(secret, now);
      expect((await verifySecondStepCode(database.db, { userId, code, now })).ok).toBe(true);
      expect(await verifySecondStepCode(database.db, { userId, code, now })).toMatchObject({ ok: false, kind: 'invalid' });
      expect(await verifySecondStepCode(database.db, { userId, code: generateTotpCode(secret, at(9 * step)), now })).toMatchObject({ ok: false, kind: 'invalid' });
      expect((await verifySecondStepCode(database.db, { userId, code: generateTotpCode(secret, at(11 * step)), now: at(11 * step) })).ok).toBe(true);
    });

    test('two requests racing with the same code: exactly one passes', async () => {
      await enable();
      const now = at(20 * step);
      const code = generateTotpCode(secret, now);
      const results = await Promise.all([verifySecondStepCode(database.db, { userId, code, now }), verifySecondStepCode(database.db, { userId, code, now })]);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
    });

    test("another account's code, and a code for an account with no app, are refused", async () => {
      await enable();
      expect(await verifySecondStepCode(database.db, { userId: otherUserId, code: generateTotpCode(secret, start), now: start })).toMatchObject({ ok: false, kind: 'invalid' });
    });

    test('a recovery code works once, typed in any case and with or without dashes; the count goes down', async () => {
      const codes = await enable();
      const code = codes[3] ?? '';
      const typed = ` ${code.toUpperCase().replaceAll('-', ' ')} `;
      expect(await verifySecondStepCode(database.db, { userId, code: typed, now: start })).toEqual({ ok: true, used: 'recovery-code', recoveryCodesLeft: 9 });
      expect(await verifySecondStepCode(database.db, { userId, code, now: start })).toMatchObject({ ok: false, kind: 'invalid' });
      // Someone else's recovery code does nothing for this account.
      expect(await verifySecondStepCode(database.db, { userId: otherUserId, code: codes[4] ?? '', now: start })).toMatchObject({ ok: false, kind: 'invalid' });
    });

    test('new recovery codes replace the old ones', async () => {
      const old = await enable();
      const fresh = await regenerateRecoveryCodes(database.db, userId, randomBytes);
      expect(await verifySecondStepCode(database.db, { userId, code: old[0] ?? '', now: start })).toMatchObject({ ok: false });
      expect(await verifySecondStepCode(database.db, { userId, code: fresh[0] ?? '', now: start })).toMatchObject({ ok: true });
    });

    test(`after ${secondStepRateLimit.attempts} wrong codes even the right one must wait; the wait ends`, async () => {
      await enable();
      for (let attempt = 0; attempt < secondStepRateLimit.attempts; attempt += 1) {
        expect(await verifySecondStepCode(database.db, { userId, code: '000000', now: start })).toMatchObject({ ok: false, kind: 'invalid' });
      }
      expect(await verifySecondStepCode(database.db, { userId, code: generateTotpCode(secret, start), now: start })).toMatchObject({ ok: false, kind: 'rate-limited' });
      const later = at(secondStepRateLimit.windowMs);
      expect((await verifySecondStepCode(database.db, { userId, code: generateTotpCode(secret, later), now: later })).ok).toBe(true);
    });

    test('an empty or malformed code is refused with a message and costs nothing', async () => {
      await enable();
      for (const code of ['', '   ', null, '12345', '1234567', 'abc']) {
        const result = await verifySecondStepCode(database.db, { userId, code, now: start });
        expect(result).toMatchObject({ ok: false, kind: 'invalid', message: expect.stringMatching(/^(Enter|The code)/) });
      }
    });

    test('"download all my data" says what is set up and lists sessions by device, never the secret, a code or a token', async () => {
      const codes = await enable();
      const session = await createSession(database.db, 'token-export', userId, start, { device: 'Firefox on Windows' });
      const data = await exportAccountData(database.db, userId, start);
      expect(data?.signIn).toEqual({
        twoStepVerification: true,
        authenticatorApp: true,
        recoveryCodesLeft: 10,
        passkeys: [],
        linkedIdentities: [],
        sessions: [{ device: 'Firefox on Windows', method: 'password', createdAt: start.toISOString(), lastSeenAt: start.toISOString() }],
      });
      const text = JSON.stringify(data);
      for (const secretValue of [secret, codes[0] ?? '', hashRecoveryCode(normaliseRecoveryCode(codes[0]) ?? ''), session.id, session.handle, 'token-export']) expect(text).not.toContain(secretValue);
    });

    test('turning off the app turns two-step off (no passkeys) and the recovery codes stop working', async () => {
      const codes = await enable();
      await disableAuthenticatorApp(database.db, userId);
      expect((await database.db.select().from(users).where(eq(users.id, userId)))[0]?.twoStepEnabled).toBe(false);
      expect(await database.db.select().from(totpCredentials)).toEqual([]);
      expect(await verifySecondStepCode(database.db, { userId, code: codes[0] ?? '', now: start })).toMatchObject({ ok: false });
    });
  });

  describe.skipIf(driver.unavailable !== null)(`signed-in sessions on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    let userId: string;
    let otherUserId: string;

    beforeEach(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      const created = await database.db
        .insert(users)
        .values([{ email: 'parent@example.com', passwordHash: 'x' }, { email: 'other@example.com', passwordHash: 'x' }])
        .returning({ id: users.id });
      userId = created[0]?.id ?? '';
      otherUserId = created[1]?.id ?? '';
    });
    afterEach(async () => {
      await database.close();
      await destroy();
    });

    test('the list shows each session with its device and method, marks this one, and leaves out expired ones and other accounts', async () => {
      const phone = await createSession(database.db, 'token-phone', userId, start, { device: 'Safari on iPhone', method: 'passkey', secondStepAt: start });
      const laptop = await createSession(database.db, 'token-laptop', userId, at(1000), { device: 'Firefox on Windows' });
      await createSession(database.db, 'token-other', otherUserId, start, { device: 'Chrome on Android' });
      const list = await listUserSessions(database.db, userId, laptop.id, at(2000));
      expect(list).toEqual([
        { handle: phone.handle, device: 'Safari on iPhone', method: 'passkey', createdAt: start, lastSeenAt: start, current: false },
        { handle: laptop.handle, device: 'Firefox on Windows', method: 'password', createdAt: at(1000), lastSeenAt: at(1000), current: true },
      ]);
      expect(JSON.stringify(list)).not.toContain(phone.id);
    });

    test("ending a session by its handle signs that device out; another account's handle or a made-up one does nothing", async () => {
      const phone = await createSession(database.db, 'token-phone', userId, start);
      const other = await createSession(database.db, 'token-other', otherUserId, start);
      expect(await endUserSession(database.db, userId, other.handle)).toBe(false);
      expect((await validateSessionToken(database.db, 'token-other', at(1))).session).not.toBeNull();
      for (const handle of ['', 'not-a-uuid', "' or 1=1 --", '00000000-0000-0000-0000-000000000000']) expect(await endUserSession(database.db, userId, handle)).toBe(false);
      expect(await endUserSession(database.db, userId, phone.handle)).toBe(true);
      expect((await validateSessionToken(database.db, 'token-phone', at(1))).session).toBeNull();
      expect(await endUserSession(database.db, userId, phone.handle)).toBe(false);
    });

    test('last use is written at most once an hour, not on every request', async () => {
      const session = await createSession(database.db, 'token-seen', userId, start);
      await validateSessionToken(database.db, 'token-seen', at(lastSeenPrecisionMs - 1));
      expect((await database.db.select().from(sessions).where(eq(sessions.id, session.id)))[0]?.lastSeenAt).toEqual(start);
      await validateSessionToken(database.db, 'token-seen', at(lastSeenPrecisionMs));
      expect((await database.db.select().from(sessions).where(eq(sessions.id, session.id)))[0]?.lastSeenAt).toEqual(at(lastSeenPrecisionMs));
    });

    test('the second step is recorded on the session', async () => {
      const session = await createSession(database.db, 'token-two-step', userId, start);
      expect(session.secondStepAt).toBeNull();
      await markSecondStep(database.db, session.id, at(5));
      expect((await validateSessionToken(database.db, 'token-two-step', at(6))).session?.secondStepAt).toEqual(at(5));
    });
  });
}
