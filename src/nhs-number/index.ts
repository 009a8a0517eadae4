/**
 * NHS number validation: 10 digits, the last a modulus 11 check digit.
 * Source: NHS Data Dictionary, "NHS Number" (check digit: multiply the first 9 digits by 10 down to
 * 2, add, take the remainder on dividing by 11, subtract from 11; 11 becomes 0; 10 is not valid),
 * checked 2026-11-25.
 */

/** The outcome of checking an NHS number. The number itself never appears in a reason. */
export type NhsNumberCheck =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: 'not-10-digits' | 'check-digit-wrong' | 'check-digit-10' };

/** Checks an NHS number, allowing spaces or dashes between digits (such as "943 476 5919"). */
export function validateNhsNumber(input: string): NhsNumberCheck {
  const value = input.replace(/[\s-]/g, '');
  if (!/^\d{10}$/.test(value)) return { ok: false, reason: 'not-10-digits' };
  const digits = [...value].map(Number);
  const total = digits.slice(0, 9).reduce((sum, digit, index) => sum + digit * (10 - index), 0);
  const check = 11 - (total % 11);
  if (check === 10) return { ok: false, reason: 'check-digit-10' };
  return (check === 11 ? 0 : check) === digits[9] ? { ok: true, value } : { ok: false, reason: 'check-digit-wrong' };
}

/** Formats a valid NHS number as NHS services show it: 3 3 4 digits. */
export function formatNhsNumber(value: string): string {
  return `${value.slice(0, 3)} ${value.slice(3, 6)} ${value.slice(6)}`;
}
