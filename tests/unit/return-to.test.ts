/** After sign-in, people are returned only to paths in the signed-in areas of this site. */
import { describe, expect, test } from 'vitest';
import { toSafeReturnPath } from '../../src/security/return-to.ts';

describe('toSafeReturnPath', () => {
  test.each([
    ['/record', '/record'],
    ['/record/0b6e5c1e-6f7a-4e59-9a43-7a0f6f7e1a11/notes', '/record/0b6e5c1e-6f7a-4e59-9a43-7a0f6f7e1a11/notes'],
    ['/account/invitation?token=abc', '/account/invitation?token=abc'],
    ['/account', '/account'],
  ])('%s is kept', (value, expected) => {
    expect(toSafeReturnPath(value)).toBe(expected);
  });

  test.each([
    [null],
    [''],
    ['https://evil.example/record'],
    ['//evil.example/record'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['javascript:alert(1)'],
    ['/record\r\nSet-Cookie: x=y'],
    ['/guides/vitamin-d'],
    ['/account/sign-in?returnTo=/record'],
    ['/account/sign-out'],
    ['/recordings'],
    [`/record/${'a'.repeat(600)}`],
  ])('%j goes to /record instead', (value) => {
    expect(toSafeReturnPath(value)).toBe('/record');
  });

  test('dot segments are resolved before the check', () => {
    expect(toSafeReturnPath('/record/../guides')).toBe('/record');
    expect(toSafeReturnPath('/record/./notes')).toBe('/record/notes');
  });
});
