/** Identity levels from NHS login's `vot` (and P-style `acr`), their order, and the `vtr` asked for: every rule at its edges. */
import { describe, expect, test } from 'vitest';
import { compareIdentityLevels, identityLevels, meetsMinimumLevel, parseIdentityLevel, vectorsOfTrustFor, vouchesForSecondFactor, type IdentityLevel } from '../../src/auth/oidc.ts';

describe('reading an identity level', () => {
  test.each([
    ['P9.Cp.Cd', 'P9'],
    ['P9.Cp.Ck', 'P9'],
    ['P9.Cm', 'P9'],
    ['P5.Cp.Cd', 'P5'],
    ['P0.Cp', 'P0'],
    ['P0', 'P0'],
    ['P9', 'P9'],
    // Components after the level are words of any case and length, up to 64 characters in all.
    [`P5.${'C'.repeat(61)}`, 'P5'],
  ])('%s is %s', (value, level) => {
    expect(parseIdentityLevel(value)).toBe(level);
  });

  test.each([
    ['', 'empty'],
    ['P1.Cp.Cd', 'not a level NHS login has'],
    ['P10.Cp', 'a level that only starts like P1'],
    ['P90.Cp', 'a level that only starts like P9'],
    ['p9.Cp.Cd', 'lower case'],
    [' P9.Cp.Cd', 'a leading space'],
    ['P9.Cp.Cd ', 'a trailing space'],
    ['P9.', 'an empty last component'],
    ['P9..Cd', 'an empty middle component'],
    ['.P9', 'an empty first component'],
    ['Cp.P9', 'the level not first'],
    ['P9-Cp-Cd', 'the wrong separator'],
    ['P9.Cp/Cd', 'a character that is not a word'],
    [`P5.${'C'.repeat(62)}`, 'longer than 64 characters'],
    ['["P9.Cp.Cd"]', 'a vtr, not a vot'],
  ])('%j is no level (%s)', (value) => {
    expect(parseIdentityLevel(value)).toBeNull();
  });

  test.each([[null], [undefined], [9], [['P9.Cp.Cd']], [{ level: 'P9' }]])('%j, not a string, is no level', (value) => {
    expect(parseIdentityLevel(value)).toBeNull();
  });
});

describe('ordering levels', () => {
  test('the levels are P0, P5 and P9, lowest first', () => {
    expect(identityLevels).toEqual(['P0', 'P5', 'P9']);
  });

  test.each([
    ['P0', 'P0', 0],
    ['P0', 'P5', -1],
    ['P0', 'P9', -1],
    ['P5', 'P0', 1],
    ['P5', 'P5', 0],
    ['P5', 'P9', -1],
    ['P9', 'P0', 1],
    ['P9', 'P5', 1],
    ['P9', 'P9', 0],
  ] as const)('%s against %s is %i', (a, b, sign) => {
    expect(Math.sign(compareIdentityLevels(a, b))).toBe(sign);
  });
});

describe('meeting a minimum level', () => {
  test.each([
    // No minimum is met by anything, even nothing.
    [null, null, true],
    ['P0.Cp', null, true],
    ['not a level', null, true],
    // A missing or unreadable level meets no minimum, not even P0.
    [null, 'P0', false],
    ['', 'P0', false],
    ['P1.Cp', 'P0', false],
    ['p9.Cp.Cd', 'P5', false],
    // Each boundary, from below, at and above.
    ['P0.Cp', 'P0', true],
    ['P0.Cp', 'P5', false],
    ['P5.Cp.Cd', 'P5', true],
    ['P9.Cp.Cd', 'P5', true],
    ['P5.Cp.Cd', 'P9', false],
    ['P9.Cm', 'P9', true],
    // A bare level counts as much as a whole vector.
    ['P9', 'P9', true],
    ['P5', 'P9', false],
  ] as const)('%j against a minimum of %s: %s', (level, minimum, expected) => {
    expect(meetsMinimumLevel(level, minimum)).toBe(expected);
  });
});

describe('asking for a level with vtr', () => {
  test.each([
    ['P0', ['P0.Cp.Cd', 'P0.Cp.Ck', 'P0.Cm', 'P5.Cp.Cd', 'P5.Cp.Ck', 'P5.Cm', 'P9.Cp.Cd', 'P9.Cp.Ck', 'P9.Cm']],
    ['P5', ['P5.Cp.Cd', 'P5.Cp.Ck', 'P5.Cm', 'P9.Cp.Cd', 'P9.Cp.Ck', 'P9.Cm']],
    ['P9', ['P9.Cp.Cd', 'P9.Cp.Ck', 'P9.Cm']],
  ] as const)('at least %s asks for every vector at that level or above', (minimum, vectors) => {
    expect(JSON.parse(vectorsOfTrustFor(minimum))).toEqual(vectors);
  });

  test('the P9 request is exactly the string NHS login documents', () => {
    expect(vectorsOfTrustFor('P9')).toBe('["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]');
  });

  test.each(identityLevels.map((level) => [level]))('every vector asked for at least %s meets it', (minimum: IdentityLevel) => {
    for (const vector of JSON.parse(vectorsOfTrustFor(minimum)) as string[]) {
      expect(meetsMinimumLevel(vector, minimum)).toBe(true);
    }
  });
});

describe('a second factor at the provider', () => {
  test.each([
    ['P9.Cp.Cd', true],
    ['P9.Cp.Ck', true],
    ['P5.Cm', true],
    ['P9.Cp', false],
    ['P0.Cp', false],
    ['P9.Cd', false],
    ['', false],
    [null, false],
  ])('vot %j vouches for a second factor: %s', (vot, expected) => {
    expect(vouchesForSecondFactor(vot)).toBe(expected);
  });
});
