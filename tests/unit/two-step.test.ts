/** Two-step verification's pure parts: RFC 6238 codes, typed codes, when to ask again, and device names. */
import { describe, expect, test } from 'vitest';
import {
  buildTotpKeyUri,
  formatSetupKey,
  generateRecoveryCode,
  generateTotpCode,
  isTotpSecret,
  matchTotpCode,
  mustRepeatSecondStep,
  needsSecondStep,
  normaliseRecoveryCode,
  normaliseTotpCode,
  stepUpWindowMs,
  totpStepAt,
  heldSessionHasExpired,
  heldSessionLifetimeMs,
} from '../../src/auth/two-step.ts';
import { needsFreshProviderSignIn } from '../../site/lib/step-up.ts';
import { describeDevice } from '../../src/auth/device.ts';
import { toSafeReturnPath } from '../../src/security/return-to.ts';

// RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('authenticator app codes (RFC 6238, SHA-1, 30 seconds, the last 6 of the RFC\'s 8 digits)', () => {
  test.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
    [20000000000, '353130'],
  ])('at %i seconds the code is %s', (seconds, code) => {
    expect(generateTotpCode(rfcSecret, new Date(seconds * 1000))).toBe(code);
  });

  test.each([
    [29_999, 0],
    [30_000, 1],
    [59_999, 1],
  ])('%i ms is in step %i', (ms, stepNumber) => {
    expect(totpStepAt(new Date(ms))).toBe(stepNumber);
  });

  test('a code matches its own step and one either side, never a step already used', () => {
    const now = new Date(1111111111 * 1000);
    const step = totpStepAt(now);
    expect(matchTotpCode(rfcSecret, '050471', now, null)).toBe(step);
    expect(matchTotpCode(rfcSecret, generateTotpCode(rfcSecret, new Date((step - 1) * 30_000)), now, null)).toBe(step - 1);
    expect(matchTotpCode(rfcSecret, generateTotpCode(rfcSecret, new Date((step + 1) * 30_000)), now, null)).toBe(step + 1);
    expect(matchTotpCode(rfcSecret, generateTotpCode(rfcSecret, new Date((step - 2) * 30_000)), now, null)).toBeNull();
    expect(matchTotpCode(rfcSecret, '050471', now, step)).toBeNull();
    expect(matchTotpCode(rfcSecret, '050471', now, step - 1)).toBe(step);
  });

  test.each([
    ['123456', '123456'],
    [' 123 456 ', '123456'],
    ['123-456', '123456'],
    ['12345', null],
    ['1234567', null],
    ['12345a', null],
    ['', null],
    [null, null],
  ])('typed %j reads as %j', (typed, expected) => {
    expect(normaliseTotpCode(typed)).toBe(expected);
  });

  test('secrets: only 32 base32 capitals; shown in groups of 4; in an otpauth link with the issuer', () => {
    expect(isTotpSecret(rfcSecret)).toBe(true);
    for (const bad of ['', rfcSecret.toLowerCase(), `${rfcSecret}A`, rfcSecret.slice(1), `${rfcSecret.slice(1)}1`, null]) expect(isTotpSecret(bad)).toBe(false);
    expect(formatSetupKey(rfcSecret)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
    const uri = new URL(buildTotpKeyUri(rfcSecret, 'parent@example.com'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(rfcSecret);
    expect(uri.searchParams.get('issuer')).toBe('First 1,001 days');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});

describe('recovery codes', () => {
  test('a code is 16 base32 characters in 4 groups, and reads back whatever the case or spacing', () => {
    const code = generateRecoveryCode((length) => new Uint8Array(length).fill(255));
    expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    expect(normaliseRecoveryCode(code.toUpperCase().replaceAll('-', ' '))).toBe(code.replaceAll('-', ''));
  });

  test.each([['abcd-efgh-2345-6789'], ['abcd-efgh-2345'], ['abcdefgh23456781'], [''], [null]])('%j is not a recovery code', (typed) => {
    // 1, 8, 9 and 0 are not base32, and 12 characters are too few.
    expect(normaliseRecoveryCode(typed)).toBeNull();
  });
});

describe('when the second step is asked for', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);

  test.each([
    [false, null, false, false],
    [true, null, true, true],
    [true, ago(0), false, false],
    [true, ago(stepUpWindowMs), false, false],
    [true, ago(stepUpWindowMs + 1), false, true],
    [false, ago(stepUpWindowMs + 1), false, false],
  ])('two-step on %s, last passed %s: needed to sign in %s, needed for a sensitive change %s', (twoStepEnabled, secondStepAt, atSignIn, forChange) => {
    expect(needsSecondStep({ twoStepEnabled }, { secondStepAt })).toBe(atSignIn);
    expect(mustRepeatSecondStep({ twoStepEnabled }, { secondStepAt }, now)).toBe(forChange);
  });

  test.each([
    [true, null, heldSessionLifetimeMs, false],
    [true, null, heldSessionLifetimeMs + 1, true],
    [true, ago(1000), heldSessionLifetimeMs + 1, false],
    [false, null, heldSessionLifetimeMs + 1, false],
  ])('two-step on %s, passed at %s, session %i ms old: held session ended %s', (twoStepEnabled, secondStepAt, age, ended) => {
    expect(heldSessionHasExpired({ twoStepEnabled }, { secondStepAt, createdAt: ago(age) }, now)).toBe(ended);
  });

  test.each([
    ['an account with a password', { hasPassword: true, twoStepEnabled: false }, 'oidc', stepUpWindowMs + 1, false],
    ['an account with two-step on (it has its own step-up)', { hasPassword: false, twoStepEnabled: true }, 'passkey', stepUpWindowMs + 1, false],
    ['an NHS login account, signed in with it just now', { hasPassword: false, twoStepEnabled: false }, 'oidc', stepUpWindowMs, false],
    ['an NHS login account, signed in with it over 15 minutes ago', { hasPassword: false, twoStepEnabled: false }, 'oidc', stepUpWindowMs + 1, true],
    ['an NHS login account, signed in some other way', { hasPassword: false, twoStepEnabled: false }, 'passkey', 0, true],
  ] as const)('%s must sign in with the provider again first: %s', (_name, user, method, age, needed) => {
    expect(needsFreshProviderSignIn(user, { method, createdAt: ago(age) }, now)).toBe(needed);
  });

  test('after the second step, a person is never sent back to it (no loop), but pages beneath it are fine', () => {
    expect(toSafeReturnPath('/account/two-step')).toBe('/record');
    expect(toSafeReturnPath('/account/two-step?returnTo=/account')).toBe('/record');
    expect(toSafeReturnPath('/account/two-step/set-up')).toBe('/account/two-step/set-up');
  });
});

describe('device names', () => {
  test.each([
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0', 'Firefox on Windows'],
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1', 'Safari on iPhone'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36', 'Chrome on Android'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0', 'Edge on Windows'],
    ['Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36', 'Samsung Internet on Android'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15', 'Safari on Mac'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36', 'Chrome on Linux'],
    ['curl/8.5.0', 'Unknown device'],
    ['', 'Unknown device'],
    [null, 'Unknown device'],
    ['Something (Windows NT 10.0)', 'A browser on Windows'],
  ])('%j is %j', (userAgent, name) => {
    expect(describeDevice(userAgent)).toBe(name);
  });

  test('a huge header is read only in part, and the name is never longer than the database allows', () => {
    expect(describeDevice(`${'x'.repeat(100_000)} Firefox/1`).length).toBeLessThanOrEqual(60);
  });
});
