import { describe, expect, test } from 'vitest';
import {
  ageInDaysToCompletedMonths,
  calculateAgeInDays,
  calculateCorrectedAge,
  isPlausibleGestation,
  isPreterm,
  monthToStartDay,
  selectDevelopmentalAgeInDays,
} from '../../src/child-age/index.ts';

describe('months by the WHO convention: month M starts at day round(M x 30.4375)', () => {
  test.each([
    [0, 0],
    [1, 30],
    [2, 61],
    [3, 91],
    [6, 183],
    [9, 274],
    [12, 365],
    [18, 548],
    [24, 731],
  ])('month %i starts on day %i', (month, day) => {
    expect(monthToStartDay(month)).toBe(day);
  });

  test.each([
    [0, 0],
    [29, 0],
    [30, 1],
    [60, 1],
    [61, 2],
    [364, 11],
    [365, 12],
    [730, 23],
    [731, 24],
    [-1, -1],
  ])('a child of %i days has completed %i months', (days, months) => {
    expect(ageInDaysToCompletedMonths(days)).toBe(months);
  });
});

describe('age in days', () => {
  test.each([
    ['2025-06-01', '2025-06-01', 0],
    ['2025-06-01', '2025-06-02', 1],
    ['2024-02-29', '2025-03-01', 366],
    ['2026-03-28', '2026-03-30', 2],
  ])('born %s, on %s: %i days', (born, on, days) => {
    expect(calculateAgeInDays(born, on)).toBe(days);
  });
});

describe('corrected age (paper UK-WHO convention)', () => {
  test.each([
    [{ weeks: 36, days: 6 }, true],
    [{ weeks: 37, days: 0 }, false],
    [{ weeks: 24, days: 0 }, true],
    [{ weeks: 41, days: 3 }, false],
  ])('a baby born at %o is preterm: %s', (gestation, expected) => {
    expect(isPreterm(gestation)).toBe(expected);
  });

  test.each([
    [{ weeks: 21, days: 6 }, false],
    [{ weeks: 22, days: 0 }, true],
    [{ weeks: 44, days: 6 }, true],
    [{ weeks: 45, days: 0 }, false],
    [{ weeks: 30, days: 7 }, false],
    [{ weeks: 30, days: -1 }, false],
    [{ weeks: 30.5, days: 0 }, false],
  ])('gestation %o is plausible: %s', (gestation, expected) => {
    expect(isPlausibleGestation(gestation)).toBe(expected);
  });

  test('a baby born at 37+0 is never corrected', () => {
    expect(calculateCorrectedAge('2025-01-01', { weeks: 37, days: 0 }, '2025-01-20')).toEqual({ kind: 'term', ageInDays: 19 });
  });

  test.each([
    // 36+6 is 258 days: 22 days early, due 2025-01-23.
    ['2025-01-22', { kind: 'born-early-not-yet-due', ageInDays: 21, correctedAgeInDays: -1, daysUntilDueDate: 1 }],
    ['2025-01-23', { kind: 'corrected', ageInDays: 22, correctedAgeInDays: 0, correctUntil: '2026-01-23' }],
    ['2026-01-22', { kind: 'corrected', ageInDays: 386, correctedAgeInDays: 364, correctUntil: '2026-01-23' }],
    ['2026-01-23', { kind: 'correction-ended', ageInDays: 387, correctedAgeInDays: 365 }],
  ])('born 2025-01-01 at 36+6, on %s', (on, expected) => {
    expect(calculateCorrectedAge('2025-01-01', { weeks: 36, days: 6 }, on)).toEqual(expected);
  });

  test.each([
    [{ weeks: 32, days: 0 }, 12, 'born at 32+0: corrected until 1 year corrected age'],
    [{ weeks: 31, days: 6 }, 24, 'born at 31+6: corrected until 2 years corrected age'],
    [{ weeks: 24, days: 0 }, 24, 'born at 24+0: corrected until 2 years corrected age'],
  ])('%o corrects for %i months after the due date (%s)', (gestation, months) => {
    const result = calculateCorrectedAge('2025-01-01', gestation, '2025-06-01');
    expect(result.kind).toBe('corrected');
    if (result.kind !== 'corrected') return;
    const dueDate = new Date(Date.UTC(2025, 0, 1 + (280 - (gestation.weeks * 7 + gestation.days))));
    const expectedEnd = new Date(Date.UTC(dueDate.getUTCFullYear(), dueDate.getUTCMonth() + months, dueDate.getUTCDate()));
    expect(result.correctUntil).toBe(expectedEnd.toISOString().slice(0, 10));
  });

  test('the last day of correction for a baby due on a leap day is 29 February, and it ends on 1 March', () => {
    // Born 2024-01-04 at 31+6 (223 days, 57 days early): due 2024-02-29, corrected until its second anniversary.
    expect(calculateCorrectedAge('2024-01-04', { weeks: 31, days: 6 }, '2026-02-28')).toMatchObject({ kind: 'corrected', correctUntil: '2026-03-01' });
    expect(calculateCorrectedAge('2024-01-04', { weeks: 31, days: 6 }, '2026-03-01')).toMatchObject({ kind: 'correction-ended' });
  });

  test.each([
    [{ kind: 'term', ageInDays: 40 } as const, 40],
    [{ kind: 'corrected', ageInDays: 100, correctedAgeInDays: 44, correctUntil: '2026-01-01' } as const, 44],
    [{ kind: 'correction-ended', ageInDays: 800, correctedAgeInDays: 744 } as const, 800],
    [{ kind: 'born-early-not-yet-due', ageInDays: 10, correctedAgeInDays: -46, daysUntilDueDate: 46 } as const, null],
  ])('the developmental age of %o is %s', (age, expected) => {
    expect(selectDevelopmentalAgeInDays(age)).toBe(expected);
  });
});
