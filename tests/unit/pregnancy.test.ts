import { describe, expect, test } from 'vitest';
import { calculateDueDate, calculateGestationAtBirth, calculatePregnancyProgress, dueDateToLastPeriod } from '../../src/pregnancy/index.ts';

describe('pregnancy arithmetic', () => {
  test.each([
    ['2026-01-01', '2026-10-08'],
    ['2023-06-01', '2024-03-07'],
    ['2024-05-24', '2025-02-28'],
  ])('a last period starting %s gives a due date of %s', (lastPeriod, dueDate) => {
    expect(calculateDueDate(lastPeriod)).toBe(dueDate);
    expect(dueDateToLastPeriod(dueDate)).toBe(lastPeriod);
  });

  test.each([
    [139, 19, 6, 2],
    [140, 20, 0, 2],
    [146, 20, 6, 2],
    [90, 12, 6, 1],
    [91, 13, 0, 2],
    [195, 27, 6, 2],
    [196, 28, 0, 3],
    [0, 0, 0, 1],
  ])('pregnancy day %i is %i+%i weeks, trimester %i', (day, weeks, days, trimester) => {
    const on = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
    expect(calculatePregnancyProgress('2026-01-01', on)).toMatchObject({ pregnancyDay: day, weeks, days, trimester });
  });

  test.each([
    ['2026-10-07', 1],
    ['2026-10-08', 0],
    ['2026-10-09', -1],
  ])('on %s there are %i days until the due date', (on, daysUntilDue) => {
    expect(calculatePregnancyProgress('2026-01-01', on)?.daysUntilDue).toBe(daysUntilDue);
  });

  test('before the last period started there is no progress', () => {
    expect(calculatePregnancyProgress('2026-01-01', '2025-12-31')).toBeNull();
  });

  test.each([
    ['2026-09-10', { weeks: 36, days: 0 }],
    ['2026-09-09', { weeks: 35, days: 6 }],
    ['2026-10-08', { weeks: 40, days: 0 }],
    ['2026-10-15', { weeks: 41, days: 0 }],
  ])('born %s with a due date of 2026-10-08: gestation %o', (born, gestation) => {
    expect(calculateGestationAtBirth('2026-10-08', born)).toEqual(gestation);
  });
});
