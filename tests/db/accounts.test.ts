/**
 * Account flows on every engine: sign up, confirm, sign in, reset, change password and email.
 * One database per engine for the whole file; each test uses its own addresses.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/db/index.ts';
import { sessions, users } from '../../src/db/schema.ts';
import {
  accountRateLimits,
  changePassword,
  confirmEmailChange,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  signIn,
  signInRefusedMessage,
  signUp,
  verifyEmail,
  type AccountServices,
} from '../../src/auth/account.ts';
import { validateSessionToken } from '../../src/auth/session.ts';
import type { EmailMessage } from '../../src/email/mailer.ts';
import { databaseDrivers } from './drivers.ts';

const password = 'cloud puddle marmalade';
const hour = 60 * 60 * 1000;

/** Test services: an in-memory mailer and a clock the test moves. */
function createTestServices(database: Database) {
  const sent: EmailMessage[] = [];
  const tasks: Promise<void>[] = [];
  let now = new Date('2026-11-25T09:00:00Z');
  const services: AccountServices = {
    db: database.db,
    mailer: {
      send: (message) => {
        sent.push(message);
        return Promise.resolve();
      },
    },
    now: () => now,
    randomBytes: (length) => crypto.getRandomValues(new Uint8Array(length)),
    siteUrl: 'http://localhost:4321',
    reportEmailFailure: (error) => {
      throw error;
    },
    trackBackgroundTask: (task) => {
      tasks.push(task);
    },
  };
  /** Waits for the links and emails made in the background. */
  const settle = () => Promise.all(tasks.splice(0));
  return {
    services,
    sent,
    settle,
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
    /** The token from the last link sent to `to` whose path is `pathname`. */
    tokenFrom: async (to: string, pathname: string) => {
      await settle();
      const message = sent.findLast((candidate) => candidate.to === to && candidate.text.includes(pathname));
      const link = message?.text.match(/https?:\/\/\S+/g)?.find((url) => new URL(url).pathname === pathname);
      return link ? new URL(link).searchParams.get('token') : null;
    },
  };
}

for (const driver of databaseDrivers) {
  describe.skipIf(driver.unavailable !== null)(`account flows on ${driver.kind}`, () => {
    let database: Database;
    let destroy: () => Promise<void>;
    let t: ReturnType<typeof createTestServices>;

    beforeAll(async () => {
      ({ database, destroy } = await driver.create());
      await database.migrate();
      t = createTestServices(database);
    });
    afterAll(async () => {
      await database.close();
      await destroy();
    });

    /** Signs up and confirms the address, as a person who opened the link would. */
    async function signUpConfirmed(email: string, address: string) {
      await signUp(t.services, { email, password, address });
      expect(await verifyEmail(t.services, await t.tokenFrom(email, '/account/verify-email'))).toEqual({ ok: true });
    }

    const userByEmail = async (email: string) => (await database.db.select().from(users).where(eq(users.email, email)))[0];

    test.each([
      [{ email: '', password }, [['email', 'Enter your email address']]],
      [{ email: 'not-an-email', password }, [['email', 'Enter an email address in the correct format, like name@example.com']]],
      [{ email: 'a@example.com', password: '' }, [['password', 'Enter a password']]],
      [{ email: 'a@example.com', password: 'password' }, [['password', expect.stringMatching(/^This password is too common/)]]],
      [{ email: null, password: null }, [['email', 'Enter your email address'], ['password', 'Enter a password']]],
    ])('sign-up refuses %o with a message for each field, and creates nothing', async (input, expected) => {
      const result = await signUp(t.services, { ...input, address: '198.51.100.1' });
      expect(result.ok).toBe(false);
      if (!result.ok && result.kind === 'invalid') expect(result.errors.map((error) => [error.field, error.message])).toEqual(expected);
      expect(await userByEmail('a@example.com')).toBeUndefined();
    });

    test.each([
      ['the default, 30 an hour', undefined, 30],
      ['a site that sets 3 an hour', 3, 3],
    ])('sign-up from one network address: %s, then "too many"', async (_case, perHour, allowed) => {
      const services = { ...t.services, ...(perHour ? { signUpLimitPerAddress: perHour } : {}) };
      const address = `203.0.113.${allowed}`;
      for (let index = 0; index < allowed; index += 1) {
        expect((await signUp(services, { email: `limit-${allowed}-${index}@example.com`, password, address })).ok).toBe(true);
      }
      expect(await signUp(services, { email: `limit-${allowed}-over@example.com`, password, address })).toMatchObject({ ok: false, kind: 'rate-limited' });
      await t.settle();
    });

    test('sign-up answers the same for a new and a taken address; the taken one is told by email, not given a second account', async () => {
      const first = await signUp(t.services, { email: ' New.Parent@Example.com ', password, address: '198.51.100.2' });
      await verifyEmail(t.services, await t.tokenFrom('new.parent@example.com', '/account/verify-email'));
      const second = await signUp(t.services, { email: 'new.parent@example.com', password: 'another good passphrase', address: '198.51.100.2' });
      expect(first).toEqual({ ok: true, email: 'new.parent@example.com' });
      expect(second).toEqual(first);
      await t.settle();
      const subjects = t.sent.filter((message) => message.to === 'new.parent@example.com').map((message) => message.subject);
      expect(subjects).toEqual(['Confirm your email address', 'You already have an account']);
      const user = await userByEmail('new.parent@example.com');
      expect(user?.emailVerified).toBe(true);
      expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    });

    test('the confirmation link confirms the address once, and not after 48 hours', async () => {
      await signUp(t.services, { email: 'confirm@example.com', password, address: '198.51.100.3' });
      const token = await t.tokenFrom('confirm@example.com', '/account/verify-email');
      expect(token).toMatch(/^[a-z2-7]{32}$/);
      expect(await verifyEmail(t.services, token)).toEqual({ ok: true });
      expect((await userByEmail('confirm@example.com'))?.emailVerified).toBe(true);
      expect(await verifyEmail(t.services, token)).toEqual({ ok: false, reason: 'invalid' });

      await signUp(t.services, { email: 'late@example.com', password, address: '198.51.100.3' });
      const late = await t.tokenFrom('late@example.com', '/account/verify-email');
      t.advance(48 * hour);
      expect(await verifyEmail(t.services, late)).toEqual({ ok: false, reason: 'expired' });
    });

    test('sign-in: the right password starts a session; a wrong password and an unknown address get the same message', async () => {
      await signUpConfirmed('signin@example.com', '198.51.100.4');
      const good = await signIn(t.services, { email: 'SIGNIN@example.com', password, address: '198.51.100.4' });
      expect(good.ok).toBe(true);
      if (good.ok) expect((await validateSessionToken(database.db, good.token, t.services.now())).user?.email).toBe('signin@example.com');
      const wrong = await signIn(t.services, { email: 'signin@example.com', password: 'not the password', address: '198.51.100.4' });
      const unknown = await signIn(t.services, { email: 'nobody@example.com', password, address: '198.51.100.4' });
      expect(wrong).toEqual({ ok: false, kind: 'invalid', errors: [{ field: 'email', message: signInRefusedMessage }] });
      expect(unknown).toEqual(wrong);
    });

    test('an account whose address is not confirmed cannot sign in, and gets the same message as a wrong password', async () => {
      await signUp(t.services, { email: 'unconfirmed@example.com', password, address: '198.51.100.13' });
      expect(await signIn(t.services, { email: 'unconfirmed@example.com', password, address: '198.51.100.13' })).toEqual({
        ok: false,
        kind: 'invalid',
        errors: [{ field: 'email', message: signInRefusedMessage }],
      });
      // Signing up again sends a new confirmation link rather than "you already have an account".
      await t.settle();
      const before = t.sent.length;
      await signUp(t.services, { email: 'unconfirmed@example.com', password: 'another fine passphrase', address: '198.51.100.13' });
      await t.settle();
      expect(t.sent.slice(before).map((message) => message.subject)).toEqual(['Confirm your email address']);
      await verifyEmail(t.services, await t.tokenFrom('unconfirmed@example.com', '/account/verify-email'));
      // The password chosen first still works; the second sign-up changed nothing.
      expect((await signIn(t.services, { email: 'unconfirmed@example.com', password, address: '198.51.100.13' })).ok).toBe(true);
    });

    test('a pending change of email address is cancelled by a password reset (it may be the work of whoever had the password)', async () => {
      await signUpConfirmed('hijack@example.com', '198.51.100.14');
      const user = await userByEmail('hijack@example.com');
      await requestEmailChange(t.services, { userId: user?.id ?? '', password, newEmail: 'attacker@example.com' });
      const attackerLink = await t.tokenFrom('attacker@example.com', '/account/confirm-email');
      await requestPasswordReset(t.services, { email: 'hijack@example.com', address: '198.51.100.14' });
      expect(await resetPassword(t.services, { token: await t.tokenFrom('hijack@example.com', '/account/reset-password'), password: 'kettle lantern orchard' })).toEqual({ ok: true });
      expect(await confirmEmailChange(t.services, attackerLink)).toEqual({ ok: false, reason: 'invalid' });
      expect((await userByEmail('hijack@example.com'))?.id).toBe(user?.id);
    });

    test('once an email change is confirmed, links sent to the old address stop working', async () => {
      await signUpConfirmed('moving@example.com', '198.51.100.15');
      const user = await userByEmail('moving@example.com');
      await requestPasswordReset(t.services, { email: 'moving@example.com', address: '198.51.100.15' });
      const oldResetLink = await t.tokenFrom('moving@example.com', '/account/reset-password');
      await requestEmailChange(t.services, { userId: user?.id ?? '', password, newEmail: 'moved@example.com' });
      expect(await confirmEmailChange(t.services, await t.tokenFrom('moved@example.com', '/account/confirm-email'))).toEqual({ ok: true });
      expect(await resetPassword(t.services, { token: oldResetLink, password: 'kettle lantern orchard' })).toEqual({ ok: false, kind: 'link-invalid' });
    });

    test('sign-in allows 10 attempts per account in 15 minutes, for known and unknown addresses alike, then refuses even the right password', async () => {
      await signUpConfirmed('limited@example.com', '198.51.100.5');
      for (const email of ['limited@example.com', 'unknown-limited@example.com']) {
        for (let attempt = 1; attempt <= accountRateLimits.signInPerAccount.attempts; attempt += 1) {
          expect((await signIn(t.services, { email, password: 'wrong guess', address: `198.51.100.${attempt}` })).ok).toBe(false);
        }
        const refused = await signIn(t.services, { email, password, address: '198.51.100.99' });
        expect(refused).toMatchObject({ ok: false, kind: 'rate-limited' });
      }
      t.advance(accountRateLimits.signInPerAccount.windowMs);
      expect((await signIn(t.services, { email: 'limited@example.com', password, address: '198.51.100.5' })).ok).toBe(true);
    });

    test('sign-in is limited per network address across accounts', async () => {
      const address = '203.0.113.77';
      for (let attempt = 1; attempt <= accountRateLimits.signInPerAddress.attempts; attempt += 1) {
        // Different accounts each time: only the address limit can stop these. Empty passwords skip hashing, so use a short one.
        await signIn(t.services, { email: `spray${attempt}@example.com`, password: 'x', address });
      }
      expect(await signIn(t.services, { email: 'spray-last@example.com', password: 'x', address })).toMatchObject({ ok: false, kind: 'rate-limited' });
      t.advance(accountRateLimits.signInPerAddress.windowMs);
    }, 120_000);

    test('a reset request answers the same for every address, and emails only an account holder', async () => {
      await signUp(t.services, { email: 'reset@example.com', password, address: '198.51.100.6' });
      await t.settle();
      const before = t.sent.length;
      expect(await requestPasswordReset(t.services, { email: 'reset@example.com', address: '198.51.100.6' })).toEqual({ ok: true });
      expect(await requestPasswordReset(t.services, { email: 'no-account@example.com', address: '198.51.100.6' })).toEqual({ ok: true });
      await t.settle();
      expect(t.sent.slice(before).map((message) => [message.to, message.subject])).toEqual([['reset@example.com', 'Reset your password']]);
      expect(await requestPasswordReset(t.services, { email: 'nope', address: '198.51.100.6' })).toMatchObject({ ok: false, kind: 'invalid' });
    });

    test('a reset link: a weak password does not spend it; a good one ends every session, confirms the address and works only once', async () => {
      await signUpConfirmed('reset2@example.com', '198.51.100.7');
      const session = await signIn(t.services, { email: 'reset2@example.com', password, address: '198.51.100.7' });
      await requestPasswordReset(t.services, { email: 'reset2@example.com', address: '198.51.100.7' });
      const token = await t.tokenFrom('reset2@example.com', '/account/reset-password');
      expect(await resetPassword(t.services, { token, password: 'reset2@example.com' })).toMatchObject({ ok: false, kind: 'invalid' });
      expect(await resetPassword(t.services, { token, password: 'password1' })).toMatchObject({ ok: false, kind: 'invalid' });
      expect(await resetPassword(t.services, { token, password: 'kettle lantern orchard' })).toEqual({ ok: true });
      expect(await resetPassword(t.services, { token, password: 'kettle lantern orchard' })).toEqual({ ok: false, kind: 'link-invalid' });
      if (session.ok) expect((await validateSessionToken(database.db, session.token, t.services.now())).session).toBeNull();
      expect((await userByEmail('reset2@example.com'))?.emailVerified).toBe(true);
      expect((await signIn(t.services, { email: 'reset2@example.com', password, address: '198.51.100.7' })).ok).toBe(false);
      expect((await signIn(t.services, { email: 'reset2@example.com', password: 'kettle lantern orchard', address: '198.51.100.7' })).ok).toBe(true);
    });

    test('a reset link stops working at exactly 1 hour', async () => {
      await signUp(t.services, { email: 'reset3@example.com', password, address: '198.51.100.8' });
      await requestPasswordReset(t.services, { email: 'reset3@example.com', address: '198.51.100.8' });
      const token = await t.tokenFrom('reset3@example.com', '/account/reset-password');
      t.advance(hour - 1);
      const { checkResetToken } = await import('../../src/auth/account.ts');
      expect(await checkResetToken(t.services, token ?? '')).toBe('valid');
      t.advance(1);
      expect(await resetPassword(t.services, { token, password: 'kettle lantern orchard' })).toEqual({ ok: false, kind: 'link-expired' });
    });

    test('changing a password needs the current one, keeps this session and ends every other', async () => {
      await signUpConfirmed('change@example.com', '198.51.100.9');
      const here = await signIn(t.services, { email: 'change@example.com', password, address: '198.51.100.9' });
      const elsewhere = await signIn(t.services, { email: 'change@example.com', password, address: '198.51.100.10' });
      if (!here.ok || !elsewhere.ok) throw new Error('sign-in failed');
      const userId = here.session.userId;
      expect(await changePassword(t.services, { userId, sessionId: here.session.id, currentPassword: 'wrong', newPassword: 'kettle lantern orchard' })).toEqual({
        ok: false,
        kind: 'invalid',
        errors: [{ field: 'current-password', message: 'Your current password is not right' }],
      });
      expect(await changePassword(t.services, { userId, sessionId: here.session.id, currentPassword: password, newPassword: 'kettle lantern orchard' })).toEqual({ ok: true });
      const remaining = await database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId));
      expect(remaining.map((row) => row.id)).toEqual([here.session.id]);
      await t.settle();
      expect(t.sent.at(-1)?.subject).toBe('Your password has been changed');
    });

    test('changing an email address: nothing changes until the new address confirms; the old address is told', async () => {
      await signUp(t.services, { email: 'old@example.com', password, address: '198.51.100.11' });
      const user = await userByEmail('old@example.com');
      const userId = user?.id ?? '';
      expect(await requestEmailChange(t.services, { userId, password, newEmail: 'old@example.com' })).toMatchObject({ ok: false, kind: 'invalid' });
      expect(await requestEmailChange(t.services, { userId, password: 'wrong', newEmail: 'new@example.com' })).toMatchObject({ ok: false, kind: 'invalid' });
      expect(await requestEmailChange(t.services, { userId, password, newEmail: 'New@Example.com' })).toEqual({ ok: true, newEmail: 'new@example.com' });
      expect((await userByEmail('old@example.com'))?.id).toBe(userId);
      await t.settle();
      expect(t.sent.some((message) => message.to === 'old@example.com' && message.subject === 'A change to your email address was requested')).toBe(true);
      const token = await t.tokenFrom('new@example.com', '/account/confirm-email');
      expect(await confirmEmailChange(t.services, token)).toEqual({ ok: true });
      expect((await userByEmail('new@example.com'))?.id).toBe(userId);
      expect(await confirmEmailChange(t.services, token)).toEqual({ ok: false, reason: 'invalid' });
    });

    test('asking to move to an address that already has an account answers the same but sends that address no link', async () => {
      await signUp(t.services, { email: 'mover@example.com', password, address: '198.51.100.12' });
      await signUp(t.services, { email: 'taken@example.com', password, address: '198.51.100.12' });
      const mover = await userByEmail('mover@example.com');
      await t.settle();
      const before = t.sent.length;
      expect(await requestEmailChange(t.services, { userId: mover?.id ?? '', password, newEmail: 'taken@example.com' })).toEqual({ ok: true, newEmail: 'taken@example.com' });
      await t.settle();
      expect(t.sent.slice(before).map((message) => message.to)).toEqual(['mover@example.com']);
    });
  });
}
