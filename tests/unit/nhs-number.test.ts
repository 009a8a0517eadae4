import { describe, expect, test } from 'vitest';
import { formatNhsNumber, validateNhsNumber } from '../../src/nhs-number/index.ts';

describe('NHS number validation (modulus 11)', () => {
  test.each([
    ['9434765919', { ok: true, value: '9434765919' }],
    ['943 476 5919', { ok: true, value: '9434765919' }],
    ['943-476-5919', { ok: true, value: '9434765919' }],
    ['0000000019', { ok: true, value: '0000000019' }],
    ['9434765918', { ok: false, reason: 'check-digit-wrong' }],
    ['1000000010', { ok: false, reason: 'check-digit-10' }],
    ['1000000011', { ok: false, reason: 'check-digit-10' }],
    ['943476591', { ok: false, reason: 'not-10-digits' }],
    ['94347659190', { ok: false, reason: 'not-10-digits' }],
    ['94347659l9', { ok: false, reason: 'not-10-digits' }],
    ['', { ok: false, reason: 'not-10-digits' }],
  ])('%s -> %o', (input, expected) => {
    expect(validateNhsNumber(input)).toEqual(expected);
  });

  test('formats as 3 3 4 digits', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});
