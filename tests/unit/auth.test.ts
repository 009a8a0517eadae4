/** Password policy and hashing, and session tokens: every rule at its boundaries. */
import { describe, expect, test } from 'vitest';
import { checkNewPassword, hashPassword, passwordLengthLimits, verifyPasswordHash } from '../../src/auth/password.ts';
import { generateSessionToken, sessionTokenToId } from '../../src/auth/session.ts';
import { rateLimitKey } from '../../src/auth/rate-limit.ts';

describe('new password policy (NCSC advice)', () => {
  test.each([
    ['', 'Enter a password'],
    ['seven77', /^Password must be 8 characters or more/],
    ['x'.repeat(257), 'Password must be 256 characters or fewer'],
    ['iloveyou', /^This password is too common/],
    ['PASSWORD1', /^This password is too common/],
    ['sam@example.com', /^Your password must not be your email address/],
  ])('%s is refused', (password, message) => {
    const result = checkNewPassword(password, 'Sam@Example.com');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  test.each([
    ['eight ch'],
    ['x'.repeat(256)],
    ['cloud puddle marmalade'],
    // Eight characters as people see them, though 16 UTF-16 code units.
    ['🙂🙂🙂🙂🙂🙂🙂🙂'],
  ])('%s is accepted', (password) => {
    expect(checkNewPassword(password)).toEqual({ ok: true });
  });

  test('the limits are 8 and 256', () => {
    expect(passwordLengthLimits).toEqual({ min: 8, max: 256 });
  });

  test('every refusal that is about strength gives the three random words advice', () => {
    for (const password of ['short', 'iloveyou']) {
      const result = checkNewPassword(password);
      expect(!result.ok && result.message).toMatch(/three random words/);
    }
  });
});

describe('password hashing (argon2id)', () => {
  test('hashes with argon2id at 19 MiB, 2 passes, 1 lane, and verifies', async () => {
    const stored = await hashPassword('cloud puddle marmalade');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPasswordHash(stored, 'cloud puddle marmalade')).toBe(true);
    expect(await verifyPasswordHash(stored, 'cloud puddle marmalad')).toBe(false);
  });

  test('two hashes of one password differ (random salt)', async () => {
    expect(await hashPassword('cloud puddle marmalade')).not.toBe(await hashPassword('cloud puddle marmalade'));
  });

  test('a malformed stored hash is a mismatch, not an error', async () => {
    expect(await verifyPasswordHash('not-a-hash', 'anything')).toBe(false);
  });
});

describe('session tokens', () => {
  test('a token is 20 random bytes in lower-case base32 (32 characters)', () => {
    const token = generateSessionToken((length) => new Uint8Array(length).fill(255));
    expect(token).toBe('7'.repeat(32));
    expect(generateSessionToken((length) => crypto.getRandomValues(new Uint8Array(length)))).toMatch(/^[a-z2-7]{32}$/);
  });

  test('only the SHA-256 of the token is stored', () => {
    expect(sessionTokenToId('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('rate limit keys never hold the email or address in clear', () => {
    const key = rateLimitKey('sign-in:account', ' Sam@Example.com ');
    expect(key).toBe(rateLimitKey('sign-in:account', 'sam@example.com'));
    expect(key).toMatch(/^sign-in:account:[0-9a-f]{64}$/);
    expect(key).not.toContain('sam');
  });
});

describe('record roles', () => {
  test('owners may do everything, carers read and add, viewers only read', async () => {
    const { recordPermissions } = await import('../../src/records/access.ts');
    expect(recordPermissions).toEqual({
      owner: ['read', 'add-entry', 'manage-carers', 'delete-record'],
      carer: ['read', 'add-entry'],
      viewer: ['read'],
    });
  });
});
