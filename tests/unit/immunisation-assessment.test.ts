import { describe, expect, test } from 'vitest';
import { assessImmunisations, type GivenDose } from '../../src/immunisation/index.ts';
import { addDays } from '../../src/dates/index.ts';

const born = '2025-06-01';
const day = (days: number) => addDays(born, days);
const assess = (given: GivenDose[], today: string, dateOfBirth = born) => assessImmunisations({ dateOfBirth, given, today });
const find = (result: ReturnType<typeof assess>, vaccine: string, dose: number) => result.doses.find((item) => item.vaccine === vaccine && item.dose === dose);

describe('assessImmunisations: statuses at their boundaries', () => {
  test.each([
    [55, 'not yet due'],
    [56, 'due'],
    [83, 'due'],
    [84, 'overdue'],
    [104, 'overdue'],
    [105, 'no longer offered'],
  ])('rotavirus dose 1, not given, on day %i: %s', (today, status) => {
    expect(find(assess([], day(today)), 'rotavirus', 1)?.status).toBe(status);
  });

  test('when the first rotavirus dose can no longer be given, neither can the second', () => {
    expect(find(assess([], day(105)), 'rotavirus', 2)?.status).toBe('no longer offered');
  });

  test.each([
    [127, 'not yet due'],
    [128, 'due'],
    [156, 'overdue'],
    [167, 'overdue'],
    [168, 'no longer offered'],
  ])('rotavirus dose 1 given late on day 100, dose 2 on day %i: %s', (today, status) => {
    expect(find(assess([{ vaccine: 'rotavirus', givenOn: day(100) }], day(today)), 'rotavirus', 2)?.status).toBe(status);
  });

  test('a late starter follows the 4-week minimum gap from the dose actually given', () => {
    const given: GivenDose[] = [{ vaccine: 'dtap-ipv-hib-hepb', givenOn: day(90) }];
    expect(find(assess(given, day(117)), 'dtap-ipv-hib-hepb', 2)).toMatchObject({ status: 'not yet due', canBeGivenFrom: day(118) });
    expect(find(assess(given, day(118)), 'dtap-ipv-hib-hepb', 2)).toMatchObject({ status: 'due', nextStep: 'Contact your GP surgery to book' });
  });

  test('a later dose waits for the earlier one rather than showing as overdue', () => {
    expect(find(assess([], day(120)), 'dtap-ipv-hib-hepb', 2)).toMatchObject({ status: 'not yet due', canBeGivenFrom: null });
    expect(find(assess([], day(120)), 'dtap-ipv-hib-hepb', 1)?.status).toBe('overdue');
  });

  test('a dose given less than 4 weeks after the previous one does not count', () => {
    const given: GivenDose[] = [
      { vaccine: 'dtap-ipv-hib-hepb', givenOn: day(56) },
      { vaccine: 'dtap-ipv-hib-hepb', givenOn: day(76) },
    ];
    const result = assess(given, day(90));
    expect(find(result, 'dtap-ipv-hib-hepb', 2)?.status).toBe('due');
    expect(result.notCounted).toEqual([{ vaccine: 'dtap-ipv-hib-hepb', givenOn: day(76), reason: 'given-too-early' }]);
  });

  test.each([
    ['2026-05-31', false, 'the day before the first birthday does not count'],
    ['2026-06-01', true, 'on the first birthday counts'],
  ])('MMRV given on %s counts: %s (%s)', (givenOn, counts) => {
    const result = assess([{ vaccine: 'mmrv', givenOn }], '2026-06-10');
    expect(find(result, 'mmrv', 1)?.status === 'given').toBe(counts);
    expect(result.notCounted.length === 0).toBe(counts);
  });

  test('a dose of a vaccine the child is not offered is reported, not silently dropped', () => {
    expect(assess([{ vaccine: 'hib-menc', givenOn: '2026-06-01' }], '2026-06-10').notCounted).toEqual([
      { vaccine: 'hib-menc', givenOn: '2026-06-01', reason: 'not-in-plan' },
    ]);
  });

  test('a child who had every dose on time has every dose given and nothing to do', () => {
    const plan = assess([], '2030-01-01').doses;
    const result = assess(plan.map((dose) => ({ vaccine: dose.vaccine, givenOn: dose.dueOn })), '2030-01-01');
    expect(result.doses.every((dose) => dose.status === 'given' && dose.nextStep === null)).toBe(true);
    expect(result.notCounted).toEqual([]);
  });

  test('doses not yet due have no next step; overdue ones tell the family what to do', () => {
    const result = assess([], day(90));
    expect(find(result, 'pcv', 1)).toMatchObject({ status: 'not yet due', nextStep: null });
    expect(find(result, 'menb', 1)).toMatchObject({ status: 'overdue', nextStep: 'Contact your GP surgery to book' });
  });

  test('the order in which doses were recorded does not matter', () => {
    const given: GivenDose[] = [
      { vaccine: 'menb', givenOn: day(84) },
      { vaccine: 'menb', givenOn: day(56) },
    ];
    const result = assess(given, day(90));
    expect([find(result, 'menb', 1)?.givenOn, find(result, 'menb', 2)?.givenOn]).toEqual([day(56), day(84)]);
  });
});
