import { describe, expect, test } from 'vitest';
import { findChildStageDay, findPregnancyStageDay, readDateParts, selectStageForDay } from '../../src/content/stage-finder.ts';

const parts = (date: string) => {
  const [year = '', month = '', day = ''] = date.split('-');
  return { day, month, year };
};
const blank = { day: '', month: '', year: '' };
const today = '2026-11-25';

describe('reading the day, month and year boxes', () => {
  test.each([
    [{ day: '1', month: '2', year: '2026' }, { ok: true, date: '2026-02-01' }],
    [{ day: ' 29 ', month: '02', year: '2024' }, { ok: true, date: '2024-02-29' }],
    [blank, { ok: false, message: "Enter your baby's date of birth" }],
    [{ day: '1', month: '', year: '2026' }, { ok: false, message: 'Date of birth must include a month' }],
    [{ day: '', month: '', year: '2026' }, { ok: false, message: 'Date of birth must include a day and a month' }],
    [{ day: '29', month: '2', year: '2025' }, { ok: false, message: 'Date of birth must be a real date' }],
    [{ day: 'x', month: '2', year: '2025' }, { ok: false, message: 'Date of birth must be a real date' }],
    [{ day: '1', month: '2', year: '25' }, { ok: false, message: 'Date of birth must be a real date' }],
  ])('%o -> %o', (input, expected) => {
    expect(readDateParts(input, "your baby's date of birth")).toEqual(expected);
  });
});

describe('a baby who has been born', () => {
  test.each([
    ['2026-11-25', null, 0],
    ['2026-09-25', null, 61],
    ['2024-11-25', null, 730],
    ['2023-11-26', null, 1095],
    // Born 8 weeks early, 10 weeks ago: corrected age 2 weeks.
    ['2026-09-16', '2026-11-11', 14],
    // Born 8 weeks early, 2 weeks ago: 6 weeks before term, the "born early" stage.
    ['2026-11-11', '2027-01-06', -42],
    // Born 2 weeks early (38 weeks): no correction.
    ['2026-10-01', '2026-10-15', 55],
  ])('born %s, due %s: day %i', (born, due, day) => {
    expect(findChildStageDay(parts(born), due ? parts(due) : null, today)).toEqual({ ok: true, audience: 'child', day });
  });

  test.each([
    [blank, null, 'dateOfBirth', "Enter your baby's date of birth"],
    [parts('2026-11-26'), null, 'dateOfBirth', 'Date of birth must be today or in the past'],
    [parts('2023-11-25'), null, 'dateOfBirth', 'Date of birth must be within the last 3 years'],
    [parts('2026-11-01'), parts('2026-11-01'), 'dueDate', 'The date your baby was due must be after their date of birth. If they were born on or after it, leave this blank'],
    [parts('2026-07-01'), parts('2026-11-05'), 'dueDate', 'The date your baby was due must be within 18 weeks after their date of birth'],
    [parts('2026-11-01'), { day: '31', month: '11', year: '2026' }, 'dueDate', 'The date your baby was due must be a real date'],
  ])('refuses %o (due %o) with a message for %s', (born, due, field, message) => {
    expect(findChildStageDay(born, due, today)).toEqual({ ok: false, errors: [{ field, message }] });
  });
});

describe('a pregnancy', () => {
  test.each([
    ['2026-11-25', 280],
    ['2027-09-01', 0],
    ['2026-11-12', 293],
    ['2027-03-31', 154],
  ])('due %s: pregnancy day %i', (due, day) => {
    expect(findPregnancyStageDay(parts(due), today)).toEqual({ ok: true, audience: 'pregnancy', day });
  });

  test.each([
    [blank, 'Enter your due date'],
    [parts('2027-09-02'), 'Due date must be before 2 September 2027'],
    [parts('2026-11-11'), 'Due date must be within the last 2 weeks or in the future. If your baby has been born, enter their date of birth instead'],
  ])('refuses %o: %s', (due, message) => {
    expect(findPregnancyStageDay(due, today)).toEqual({ ok: false, errors: [{ field: 'dueDate', message }] });
  });
});

describe('choosing the stage for a day', () => {
  const stages = [
    { slug: 'week-4', appliesTo: [{ audience: 'pregnancy', fromDay: 28, toDay: 34 }] },
    { slug: 'born-early', appliesTo: [{ audience: 'child', fromDay: -126, toDay: -1 }] },
    { slug: 'month-0', appliesTo: [{ audience: 'child', fromDay: 0, toDay: 29 }] },
    { slug: 'toddler-22', appliesTo: [{ audience: 'child', fromDay: 670, toDay: 730 }] },
  ];
  test.each([
    ['pregnancy', 28, 'week-4'],
    ['pregnancy', 35, null],
    ['child', -1, 'born-early'],
    ['child', 0, 'month-0'],
    ['child', 730, 'toddler-22'],
    ['child', 900, 'toddler-22'],
  ] as const)('%s day %i -> %s', (audience, day, slug) => {
    expect(selectStageForDay(stages, audience, day)?.slug ?? null).toBe(slug);
  });
});
