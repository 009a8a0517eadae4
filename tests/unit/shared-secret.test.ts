/** The publish webhook's secret check. */
import { expect, test } from 'vitest';
import { isBearerSecret } from '../../src/security/shared-secret.ts';

const secret = 'a-long-random-webhook-secret-0123456789';

test.each([
  ['the right secret', `Bearer ${secret}`, true],
  ['no header', null, false],
  ['an empty header', '', false],
  ['the secret without "Bearer"', secret, false],
  ['a different secret of the same length', `Bearer ${secret.replace(/.$/, 'X')}`, false],
  ['the secret with one character missing', `Bearer ${secret.slice(0, -1)}`, false],
  ['the secret with one character more', `Bearer ${secret}0`, false],
  ['lower-case "bearer"', `bearer ${secret}`, false],
])('%s', (_case, header, expected) => {
  expect(isBearerSecret(header, secret)).toBe(expected);
});
