/**
 * OpenID Connect identities and sign-in attempts in the database, on every engine: an identity finds
 * its account by issuer and subject only, a new one makes a new account (taking the email address only
 * when verified and free), linking never moves an identity, and an attempt is used once.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/index.ts';
import { oidcIdentities, users } from '../../src/db/schema.ts';
import {
  createOidcAttempt,
  findOrCreateAccountForIdentity,
  linkIdentity,
  listLinkedIdentities,
  oidcAttemptLifetimeMs,
  takeOidcAttempt,
  unlinkIdentity,
  type VerifiedIdentity,
} from '../../src/auth/oidc-accounts.ts';
import { databaseDrivers } from './drivers.ts';

const now = new Date('2026-11-26T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);
let counter = 0;
const randomBytes = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 17 + (counter += 13)) % 256);
const issuer = 'https://auth.login.nhs.uk';

function identity(subject: string, overrides: Partial<VerifiedIdentity> = {}): VerifiedIdentity {
  return { issuer, subject, email: `${subject}@example.com`, emailVerified: true, scopes: ['openid', 'email'], identityLevel: 'P9', ...overrides };
}

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`OpenID Connect identities on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;

    beforeEach(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
    });
    afterEach(async () => {
      await database.close();
      await destroy();
    });

    test('a new identity makes an account with its verified email; the same issuer and subject find it again', async () => {
      const first = await findOrCreateAccountForIdentity(database.db, identity('subject-a'), now);
      expect(first.created).toBe(true);
      const [user] = await database.db.select().from(users).where(eq(users.id, first.userId));
      expect(user).toMatchObject({ email: 'subject-a@example.com', emailVerified: true, passwordHash: null, twoStepEnabled: false });
      const again = await findOrCreateAccountForIdentity(database.db, identity('subject-a', { identityLevel: 'P5', scopes: ['openid'] }), at(1000));
      expect(again).toEqual({ userId: first.userId, created: false });
      expect(await listLinkedIdentities(database.db, first.userId)).toEqual([{ issuer, scopes: ['openid'], identityLevel: 'P5', linkedAt: now, lastSignedInAt: at(1000) }]);
    });

    test.each([
      ['an email address another account already has', identity('subject-b', { email: 'taken@example.com' })],
      ['an email the provider has not verified', identity('subject-b', { email: 'unverified@example.com', emailVerified: false })],
      ['no email at all', identity('subject-b', { email: null, emailVerified: false })],
    ])('never linked by email: %s makes a separate account with no address', async (_name, newcomer) => {
      const [owner] = await database.db.insert(users).values({ email: 'taken@example.com', passwordHash: 'x', emailVerified: true }).returning({ id: users.id });
      const made = await findOrCreateAccountForIdentity(database.db, newcomer, now);
      expect(made.created).toBe(true);
      expect(made.userId).not.toBe(owner?.id);
      const [user] = await database.db.select().from(users).where(eq(users.id, made.userId));
      expect(user?.email).toBeNull();
      expect(await listLinkedIdentities(database.db, owner?.id ?? '')).toEqual([]);
    });

    test('the same subject at another issuer is another identity', async () => {
      const nhs = await findOrCreateAccountForIdentity(database.db, identity('same-subject', { email: null }), now);
      const other = await findOrCreateAccountForIdentity(database.db, identity('same-subject', { issuer: 'https://id.example.org', email: null }), now);
      expect(other.userId).not.toBe(nhs.userId);
    });

    test('linking: to a signed-in account once; never moved from another account; one identity per provider per account', async () => {
      const [alice, bob] = await database.db
        .insert(users)
        .values([
          { email: 'alice@example.com', passwordHash: 'x', emailVerified: true },
          { email: 'bob@example.com', passwordHash: 'x', emailVerified: true },
        ])
        .returning({ id: users.id });
      const aliceId = alice?.id ?? '';
      const bobId = bob?.id ?? '';
      expect(await linkIdentity(database.db, aliceId, identity('alice-sub'), now)).toEqual({ ok: true });
      expect(await linkIdentity(database.db, aliceId, identity('alice-sub'), at(1))).toEqual({ ok: true });
      expect(await linkIdentity(database.db, bobId, identity('alice-sub'), now)).toEqual({ ok: false, reason: 'linked-to-another-account' });
      expect(await linkIdentity(database.db, aliceId, identity('second-sub'), now)).toEqual({ ok: false, reason: 'another-identity-linked' });
      expect((await findOrCreateAccountForIdentity(database.db, identity('alice-sub'), at(2))).userId).toBe(aliceId);
      const rows = await database.db.select().from(oidcIdentities);
      expect(rows.map((row) => row.userId)).toEqual([aliceId]);
    });

    test('unlinking: only an account that can still sign in with a password', async () => {
      const made = await findOrCreateAccountForIdentity(database.db, identity('only-way-in'), now);
      expect(await unlinkIdentity(database.db, made.userId, issuer)).toEqual({ ok: false, reason: 'no-other-way-in' });
      const [withPassword] = await database.db.insert(users).values({ email: 'pw@example.com', passwordHash: 'x', emailVerified: true }).returning({ id: users.id });
      await linkIdentity(database.db, withPassword?.id ?? '', identity('has-password'), now);
      expect(await unlinkIdentity(database.db, withPassword?.id ?? '', issuer)).toEqual({ ok: true });
      expect(await unlinkIdentity(database.db, withPassword?.id ?? '', issuer)).toEqual({ ok: false, reason: 'not-linked' });
    });

    test('an attempt is found by its cookie value once, and not after 10 minutes; a made-up value finds nothing', async () => {
      const attempt = { state: 's'.repeat(43), nonce: 'n'.repeat(43), codeVerifier: 'v'.repeat(43), intent: 'sign-in' as const, userId: null, returnTo: '/record' };
      const token = await createOidcAttempt(database.db, attempt, now, randomBytes);
      expect(token).toMatch(/^[a-z2-7]{32}$/);
      expect(await takeOidcAttempt(database.db, token, at(1))).toEqual(attempt);
      expect(await takeOidcAttempt(database.db, token, at(2))).toBeNull();
      const late = await createOidcAttempt(database.db, attempt, now, randomBytes);
      expect(await takeOidcAttempt(database.db, late, at(oidcAttemptLifetimeMs))).toBeNull();
      for (const value of [null, '', 'not-a-token', 'a'.repeat(32)]) expect(await takeOidcAttempt(database.db, value, now)).toBeNull();
    });

    test('a linking attempt must name its account; a sign-in attempt must not (the database refuses otherwise)', async () => {
      const base = { state: 's', nonce: 'n', codeVerifier: 'v', returnTo: '/record' };
      await expect(createOidcAttempt(database.db, { ...base, intent: 'link', userId: null }, now, randomBytes)).rejects.toThrow();
    });
  });
}
