/** Sessions and rate limits in the database, on every engine. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/index.ts';
import { users } from '../../src/db/schema.ts';
import { createSession, deleteExpiredSessions, invalidateSession, invalidateUserSessions, sessionLifetimeMs, sessionRenewBeforeMs, validateSessionToken } from '../../src/auth/session.ts';
import { consumeRateLimit, rateLimitKey, resetRateLimit } from '../../src/auth/rate-limit.ts';
import { databaseDrivers } from './drivers.ts';

const start = new Date('2026-11-25T09:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const day = 24 * 60 * 60 * 1000;

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`sessions and rate limits on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    let userId: string;

    beforeEach(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      const [user] = await database.db.insert(users).values({ email: 'parent@example.com', passwordHash: 'x' }).returning({ id: users.id });
      userId = user?.id ?? '';
    });
    afterEach(async () => {
      await database.close();
      await destroy();
    });

    test('a new session is valid for 30 days, with the user (never the password hash)', async () => {
      await createSession(database.db, 'token-one', userId, start);
      const result = await validateSessionToken(database.db, 'token-one', at(1000));
      expect(result).toEqual({
        session: {
          id: expect.any(String),
          handle: expect.stringMatching(/^[0-9a-f-]{36}$/),
          userId,
          expiresAt: at(sessionLifetimeMs),
          createdAt: start,
          method: 'password',
          secondStepAt: null,
          identityLevel: null,
          device: 'Unknown device',
          lastSeenAt: start,
        },
        user: { id: userId, email: 'parent@example.com', emailVerified: false, twoStepEnabled: false, hasPassword: true },
        renewed: false,
      });
    });

    test.each([
      [15 * day - 1, false],
      [15 * day, true],
    ])('used %i ms after it starts: renewed %s', async (elapsed, renewed) => {
      await createSession(database.db, 'token-two', userId, start);
      const result = await validateSessionToken(database.db, 'token-two', at(elapsed));
      expect(result.session !== null && result.renewed).toBe(renewed);
      if (renewed) expect(result.session?.expiresAt).toEqual(at(elapsed + sessionLifetimeMs));
      expect(sessionRenewBeforeMs).toBe(15 * day);
    });

    test('an expired session is refused and deleted, at the exact moment it expires', async () => {
      await createSession(database.db, 'token-three', userId, start);
      expect((await validateSessionToken(database.db, 'token-three', at(sessionLifetimeMs - 1))).session).not.toBeNull();
      await createSession(database.db, 'token-four', userId, start);
      expect(await validateSessionToken(database.db, 'token-four', at(sessionLifetimeMs))).toEqual({ session: null, user: null });
      // Housekeeping removes sessions nobody came back to; token-three was renewed when used, so it stays.
      await createSession(database.db, 'token-five', userId, start);
      expect(await deleteExpiredSessions(database.db, at(sessionLifetimeMs + 1))).toBe(1);
      expect((await validateSessionToken(database.db, 'token-three', at(sessionLifetimeMs + 2))).session).not.toBeNull();
    });

    test('an unknown token is refused', async () => {
      expect(await validateSessionToken(database.db, 'never-issued', start)).toEqual({ session: null, user: null });
    });

    test('signing out ends one session; "sign out everywhere else" keeps only the current one', async () => {
      const first = await createSession(database.db, 'token-a', userId, start);
      const second = await createSession(database.db, 'token-b', userId, start);
      await createSession(database.db, 'token-c', userId, start);
      await invalidateSession(database.db, first.id);
      expect((await validateSessionToken(database.db, 'token-a', at(1))).session).toBeNull();
      await invalidateUserSessions(database.db, userId, second.id);
      expect((await validateSessionToken(database.db, 'token-b', at(1))).session).not.toBeNull();
      expect((await validateSessionToken(database.db, 'token-c', at(1))).session).toBeNull();
      await invalidateUserSessions(database.db, userId);
      expect((await validateSessionToken(database.db, 'token-b', at(1))).session).toBeNull();
    });

    test('deleting a user deletes their sessions', async () => {
      await createSession(database.db, 'token-d', userId, start);
      await database.db.delete(users);
      expect((await validateSessionToken(database.db, 'token-d', at(1))).session).toBeNull();
    });

    test('a rate limit allows 5 attempts a window, refuses the 6th with when to try again, and starts afresh after', async () => {
      const key = rateLimitKey('sign-in:account', 'parent@example.com');
      const limit = { attempts: 5, windowMs: 15 * 60 * 1000 };
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expect(await consumeRateLimit(database.db, key, limit, at(attempt * 1000))).toEqual({ allowed: true, remaining: 5 - attempt });
      }
      expect(await consumeRateLimit(database.db, key, limit, at(6000))).toEqual({ allowed: false, retryAfterMs: limit.windowMs - 6000 + 1000 });
      expect(await consumeRateLimit(database.db, key, limit, at(1000 + limit.windowMs))).toEqual({ allowed: true, remaining: 4 });
      await resetRateLimit(database.db, key);
      expect(await consumeRateLimit(database.db, key, limit, at(1000 + limit.windowMs + 1))).toEqual({ allowed: true, remaining: 4 });
    });

    test('concurrent attempts are all counted', async () => {
      const key = rateLimitKey('sign-in:address', '192.0.2.1');
      const limit = { attempts: 3, windowMs: 60_000 };
      const decisions = await Promise.all(Array.from({ length: 6 }, () => consumeRateLimit(database.db, key, limit, at(10))));
      expect(decisions.filter((decision) => decision.allowed)).toHaveLength(3);
    });
  });
}
