/** The timeline's matching days and due items: term and early babies around the ends of correction, pregnancy weeks, nothing due and many things overdue. */
import { describe, expect, test } from 'vitest';
import type { ChildDetails } from '../../src/red-book/child-details.ts';
import type { Entry } from '../../src/red-book/entries.ts';
import { childToMatchDays, dueSoonDays, listChildDueItems, listPregnancyDue, pregnancyToMatchDays } from '../../src/timeline/index.ts';
import { checkAntenatalContact } from '../../src/red-book/pregnancy.ts';

const child = (dateOfBirth: string, weeks: number, days = 0): ChildDetails => ({
  dateOfBirth,
  sex: 'female',
  nhsNumber: null,
  gestationAtBirth: { weeks, days },
  birthWeightKg: null,
  birthLengthCm: null,
  birthHeadCircumferenceCm: null,
  placeOfBirth: null,
  healthProblems: null,
  familyHistory: null,
});

describe('childToMatchDays', () => {
  test.each([
    // Term: both days are the actual age.
    ['born at term, 10 weeks old', child('2026-01-01', 40), '2026-03-12', 70, 70],
    ['born at 37+0 (not early), day 0', child('2026-01-01', 37), '2026-01-01', 0, 0],
    // Born at 30+0: 70 days early. Before the due date the corrected day is negative: the "born early" stage.
    ['born at 30+0, the day of birth', child('2026-01-01', 30), '2026-01-01', 0, -70],
    ['born at 30+0, the day before the due date', child('2026-01-01', 30), '2026-03-11', 69, -1],
    ['born at 30+0, on the due date', child('2026-01-01', 30), '2026-03-12', 70, 0],
    // Born before 32 weeks: corrected until 2 years corrected age (the due date's second anniversary, 2028-03-12).
    ['born at 30+0, the day before correction ends', child('2026-01-01', 30), '2028-03-11', 800, 730],
    ['born at 30+0, the day correction ends', child('2026-01-01', 30), '2028-03-12', 801, 801],
    // Born at 32+0 to 36+6: corrected until 1 year corrected age.
    ['born at 34+0 (42 days early), the day before correction ends', child('2026-01-01', 34), '2027-02-11', 406, 364],
    ['born at 34+0, the day correction ends', child('2026-01-01', 34), '2027-02-12', 407, 407],
  ])('%s: actual day %#', (_case, details, today, chronologicalDay, correctedDay) => {
    expect(childToMatchDays(details, today)).toEqual({ audience: 'child', chronologicalDay, correctedDay });
  });
});

describe('pregnancyToMatchDays', () => {
  test.each([
    ['the due date is day 280', '2026-06-01', '2026-06-01', 280],
    ['12 weeks before the due date is day 196', '2026-06-01', '2026-03-09', 196],
    ['a week past the due date', '2026-06-01', '2026-06-08', 287],
  ])('%s', (_case, dueDate, today, day) => {
    expect(pregnancyToMatchDays({ dueDate }, today)).toEqual({ audience: 'pregnancy', chronologicalDay: day, correctedDay: day });
  });
});

const dose = (n: number, vaccine: string, givenOn: string): Entry => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  kind: 'immunisation',
  occurredOn: givenOn,
  data: { vaccine, place: null, batch: null },
  provenance: 'parent-or-carer',
  createdByEmail: null,
  createdAt: new Date(`${givenOn}T10:00:00Z`),
  updatedAt: null,
});

describe('listChildDueItems', () => {
  test('a newborn: nothing overdue; the new baby review and the 8-week vaccines are coming up within 8 weeks', () => {
    const items = listChildDueItems(child('2026-11-20', 40), [], '2026-11-25');
    expect(items.filter((item) => item.status === 'overdue')).toEqual([]);
    expect(items.map((item) => [item.name, item.status, item.from])).toEqual(
      expect.arrayContaining([
        ['New baby review (10 to 14 days)', 'coming up', '2026-11-30'],
        ['6-in-1 (dose 1)', 'coming up', '2027-01-15'],
      ]),
    );
    // Nothing beyond 8 weeks.
    expect(items.every((item) => item.from <= '2027-01-20')).toBe(true);
    expect(dueSoonDays).toBe(56);
  });

  test('a baby born at 30 weeks, 100 days old: the 8-week vaccines are overdue by actual age, listed first', () => {
    const items = listChildDueItems(child('2026-08-17', 30), [], '2026-11-25');
    expect(items[0]?.status).toBe('overdue');
    expect(items.filter((item) => item.status === 'overdue').map((item) => item.name)).toEqual(expect.arrayContaining(['6-in-1 (dose 1)', 'MenB (dose 1)', 'New baby review (10 to 14 days)', '6 to 8 week review']));
    expect(items.find((item) => item.name === '6-in-1 (dose 1)')?.nextStep).toBe('Contact your GP surgery to book');
  });

  test('a 10-week-old with the 8-week vaccines given: those leave the list; the next doses are coming up once they can be given', () => {
    const given = [dose(1, 'dtap-ipv-hib-hepb', '2026-11-13'), dose(2, 'menb', '2026-11-13'), dose(3, 'rotavirus', '2026-11-13')];
    const items = listChildDueItems(child('2026-09-16', 40), given, '2026-11-25');
    const names = items.map((item) => item.name);
    expect(names).not.toContain('6-in-1 (dose 1)');
    expect(items.find((item) => item.name === '6-in-1 (dose 2)')).toMatchObject({ status: 'coming up' });
  });
});

describe('listPregnancyDue', () => {
  test('at 19 weeks: whooping cough due now; RSV (from 28 weeks, 63 days away) is not listed', () => {
    // Due 2027-04-21, so the last period was 2026-07-15 and 2026-11-25 is day 133 (19 weeks).
    const items = listPregnancyDue({ dueDate: '2027-04-21' }, '2026-11-25');
    expect(items.map((item) => item.name)).toContain('Whooping cough vaccine');
    expect(items.find((item) => item.name === 'Whooping cough vaccine')?.status).toBe('due');
    expect(items.map((item) => item.name)).not.toContain('RSV vaccine');
  });

  test.each([
    ['at 20 weeks, RSV exactly 56 days away is coming up', '2027-04-14', { status: 'coming up', from: '2027-01-20' }],
    ['at 22 weeks, RSV 42 days away is coming up', '2027-03-31', { status: 'coming up', from: '2027-01-06' }],
    ['at 28 weeks, RSV is due', '2027-02-17', { status: 'due', from: '2026-11-25' }],
  ])('%s', (_case, dueDate, rsv) => {
    expect(listPregnancyDue({ dueDate }, '2026-11-25').find((item) => item.name === 'RSV vaccine')).toMatchObject(rsv);
  });
});

describe('checkAntenatalContact and the antenatal due item', () => {
  // Due 2027-02-17: the last period began 2026-05-13; 2026-11-25 is 28 weeks.
  const details = { dueDate: '2027-02-17' };
  const fields = (iso: string) => ({ 'doneOn-day': String(Number(iso.slice(8))), 'doneOn-month': String(Number(iso.slice(5, 7))), 'doneOn-year': iso.slice(0, 4) });
  test.each([
    ['today', '2026-11-25', true],
    ['the first day of the pregnancy', '2026-05-13', true],
    ['the day before the pregnancy started', '2026-05-12', false],
    ['tomorrow', '2026-11-26', false],
  ])('a contact dated %s is %s', (_case, on, ok) => {
    expect(checkAntenatalContact({ ...fields(on), by: 'Health visitor' }, details, '2026-11-25').ok).toBe(ok);
  });

  test('once recorded, the antenatal contact leaves what is due', () => {
    expect(listPregnancyDue(details, '2026-11-25').map((item) => item.name)).toContain('Antenatal visit from your health visitor');
    const contact: Entry = { ...dose(9, 'none', '2026-11-20'), kind: 'health-review', data: { review: 'antenatal', by: null, notes: null } };
    expect(listPregnancyDue(details, '2026-11-25', [contact]).map((item) => item.name)).not.toContain('Antenatal visit from your health visitor');
  });
});
