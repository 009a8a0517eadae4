import { describe, expect, test } from 'vitest';
import { addCalendarMonths, addDays, daysBetween, instantToLondonDate, isIsoDate, isLeapYear, isoDateToLongText, instantToLondonText } from '../../src/dates/index.ts';

describe('calendar dates', () => {
  test.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-28', true],
    ['2025-13-01', false],
    ['2025-04-31', false],
    ['2025-1-01', false],
    ['', false],
    ['2025-06-01T00:00:00Z', false],
  ])('%s is a calendar date: %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  test.each([
    [1900, false],
    [2000, true],
    [2024, true],
    [2025, false],
    [2028, true],
  ])('%i is a leap year: %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  test.each([
    ['2026-03-28', '2026-03-30', 2, 'across the spring clock change (29 March 2026)'],
    ['2026-10-24', '2026-10-26', 2, 'across the autumn clock change (25 October 2026)'],
    ['2024-02-28', '2024-03-01', 2, 'across a leap day'],
    ['2025-02-28', '2025-03-01', 1, 'across the end of February in a common year'],
    ['2025-01-01', '2024-12-31', -1, 'backwards'],
  ])('from %s to %s is %i days (%s)', (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
    expect(addDays(from, days)).toBe(to);
  });

  test.each([
    ['2024-02-29', 12, '2025-03-01', 'a leap-day birthday reaches 1 year on 1 March in a common year'],
    ['2024-02-29', 48, '2028-02-29', 'and on 29 February in a leap year'],
    ['2024-02-28', 12, '2025-02-28', 'the day before a leap day is unaffected'],
    ['2025-01-31', 1, '2025-03-01', 'a month with no 31st rolls to the 1st of the next month'],
    ['2024-12-31', 18, '2026-07-01', '18 months after 31 December lands on 1 July (no 31 June)'],
    ['2024-08-31', 18, '2026-03-01', '18 months after 31 August lands on 1 March'],
    ['2024-01-15', 40, '2027-05-15', '3 years 4 months'],
    ['2025-06-01', 12, '2026-06-01', 'a first birthday'],
  ])('%s plus %i months is %s: %s', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  test.each([
    ['2026-03-29T00:30:00Z', '2026-03-29', 'just after the spring clock change'],
    ['2026-06-30T23:30:00Z', '2026-07-01', 'late evening in British Summer Time is already the next day in London'],
    ['2026-12-31T23:30:00Z', '2026-12-31', 'in winter London is on UTC'],
    ['2026-10-25T00:30:00Z', '2026-10-25', 'on the night the clocks go back'],
  ])('the London date at %s is %s (%s)', (instant, expected) => {
    expect(instantToLondonDate(new Date(instant))).toBe(expected);
  });

  test.each([
    ['2027-09-02', '2 September 2027'],
    ['2024-02-29', '29 February 2024'],
    ['2026-03-29', '29 March 2026'],
  ])('%s is written %s', (date, text) => {
    expect(isoDateToLongText(date)).toBe(text);
  });
});

describe('instantToLondonText', () => {
  test.each([
    ['2026-11-25T09:05:00Z', '25 November 2026 at 9:05am'],
    ['2026-11-25T12:00:00Z', '25 November 2026 at 12pm'],
    ['2026-11-25T00:00:00Z', '25 November 2026 at 12am'],
    // British Summer Time: 23:30 UTC on 30 June is 00:30 on 1 July in London.
    ['2026-06-30T23:30:00Z', '1 July 2026 at 12:30am'],
    ['2026-03-29T00:59:00Z', '29 March 2026 at 12:59am'],
    ['2026-03-29T01:00:00Z', '29 March 2026 at 2am'],
  ])('%s reads as %s', (instant, text) => {
    expect(instantToLondonText(new Date(instant))).toBe(text);
  });
});
