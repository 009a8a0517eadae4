import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../src/dates/index.ts';
import type { ChildDetails } from '../../src/red-book/child-details.ts';
import { childToMatchDays } from '../../src/timeline/index.ts';
import { listDatesForCorrectedDays, timelineLastDay } from '../../src/timeline/timeline.ts';

/** A child born on `dateOfBirth` at `weeks`+`days` of pregnancy (only what the dates need). */
function child(dateOfBirth: string, weeks: number, days = 0): ChildDetails {
  return { dateOfBirth, gestationAtBirth: { weeks, days } } as unknown as ChildDetails;
}

/** The plain rule: walk every day of the timeline and take the first on which the child has reached `fromDay`. */
function findDatePlainly(details: ChildDetails, fromDay: number): string | null {
  for (let offset = 0; offset <= timelineLastDay; offset += 1) {
    const on = addDays(details.dateOfBirth, offset);
    if (childToMatchDays(details, on).correctedDay >= fromDay) return on;
  }
  return null;
}

describe('the date a child first reaches a corrected day', () => {
  test.each([
    ['born at term: day 0 is the birthday', child('2026-01-01', 40), 0, '2026-01-01'],
    ['born at term: day 30 is 30 days on', child('2026-01-01', 40), 30, '2026-01-31'],
    ['born at 30 weeks: corrected day 0 is the due date, 70 days after birth', child('2026-01-01', 30), 0, '2026-03-12'],
    ['a day after the timeline ends is never reached', child('2026-01-01', 40), timelineLastDay + 1, null],
    ['the last day of the timeline is reached on its last date', child('2026-01-01', 40), timelineLastDay, addDays('2026-01-01', timelineLastDay)],
  ] as const)('%s', (_name, details, fromDay, expected) => {
    expect(listDatesForCorrectedDays(details)(fromDay)).toBe(expected);
  });

  test('halving the range finds the same date as walking every day (any birth, any stage day)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }).map((offset) => addDays('2023-01-01', offset)),
        fc.integer({ min: 23, max: 42 }),
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.integer({ min: -150, max: timelineLastDay + 50 }), { minLength: 1, maxLength: 8 }),
        (dateOfBirth, weeks, days, fromDays) => {
          const details = child(dateOfBirth, weeks, days);
          const dateFor = listDatesForCorrectedDays(details);
          for (const fromDay of fromDays) expect(dateFor(fromDay)).toBe(findDatePlainly(details, fromDay));
        },
      ),
      { numRuns: 200 },
    );
  });
});
