/**
 * The immunisation plan for each date-of-birth cohort the 2025 and 2026 changes created, and the
 * babies whose 12- and 16-week appointments straddled 1 July 2025.
 */
import { describe, expect, test } from 'vitest';
import { getImmunisationSchedule, scheduleRules, scheduleSources } from '../../src/immunisation/index.ts';

const plan = (dateOfBirth: string, eligibility = {}) =>
  getImmunisationSchedule(dateOfBirth, eligibility).map((dose) => `${dose.dueOn} ${dose.vaccine} ${dose.dose}`);

describe('getImmunisationSchedule', () => {
  test('born 1 June 2025: the schedule from 1 July 2025 and 1 January 2026 in full', () => {
    expect(plan('2025-06-01')).toEqual([
      '2025-07-27 dtap-ipv-hib-hepb 1',
      '2025-07-27 menb 1',
      '2025-07-27 rotavirus 1',
      '2025-08-24 dtap-ipv-hib-hepb 2',
      '2025-08-24 rotavirus 2',
      '2025-08-24 menb 2',
      '2025-09-21 dtap-ipv-hib-hepb 3',
      '2025-09-21 pcv 1',
      '2026-06-01 pcv 2',
      '2026-06-01 menb 3',
      '2026-06-01 mmrv 1',
      '2026-12-01 dtap-ipv-hib-hepb 4',
      '2026-12-01 mmrv 2',
      '2028-10-01 dtap-ipv 1',
    ]);
  });

  test.each([
    ['2025-04-07', '2025-06-30', 'old order: PCV at 12 weeks, second MenB at 16 weeks', ['2025-06-30 pcv 1', '2025-07-28 menb 2']],
    ['2025-04-08', '2025-07-01', 'new order: second MenB at 12 weeks, PCV at 16 weeks', ['2025-07-01 menb 2', '2025-07-29 pcv 1']],
    ['2025-03-11', '2025-06-03', '16-week appointment on 1 July 2025 still completes the old order', ['2025-06-03 pcv 1', '2025-07-01 menb 2']],
  ])('born %s (12-week appointment %s): %s', (dateOfBirth, _twelveWeeks, _description, expected) => {
    const doses = plan(dateOfBirth).filter((dose) => /(pcv 1|menb 2)$/.test(dose));
    expect(doses).toEqual(expected);
  });

  test('every baby gets two infant MenB doses and one infant PCV, whichever order', () => {
    for (const dateOfBirth of ['2024-01-15', '2025-03-11', '2025-04-07', '2025-04-08', '2026-02-01']) {
      const infant = getImmunisationSchedule(dateOfBirth).filter((dose) => dose.appointment.endsWith('weeks'));
      expect(infant.filter((dose) => dose.vaccine === 'menb'), dateOfBirth).toHaveLength(2);
      expect(infant.filter((dose) => dose.vaccine === 'pcv'), dateOfBirth).toHaveLength(1);
    }
  });

  test.each([
    ['2024-06-30', ['hib-menc', 'mmr', 'menb', 'pcv'], [], ['dtap-ipv', 'mmrv'], 'last cohort with Hib/MenC; MMR at 1; MMRV at pre-school'],
    ['2024-07-01', ['mmr', 'menb', 'pcv'], ['dtap-ipv-hib-hepb', 'mmrv'], ['dtap-ipv', 'mmrv'], 'first cohort without Hib/MenC and with the 18-month appointment'],
    ['2024-12-31', ['mmr', 'menb', 'pcv'], ['dtap-ipv-hib-hepb', 'mmrv'], ['dtap-ipv', 'mmrv'], 'last cohort with MMR at 1'],
    ['2025-01-01', ['mmrv', 'menb', 'pcv'], ['dtap-ipv-hib-hepb', 'mmrv'], ['dtap-ipv'], 'first cohort with MMRV at 1 and 18 months'],
    ['2022-09-01', ['hib-menc', 'mmr', 'menb', 'pcv'], [], ['dtap-ipv', 'mmrv'], 'pre-school on 1 January 2026: MMRV'],
    ['2022-08-31', ['hib-menc', 'mmr', 'menb', 'pcv'], [], ['dtap-ipv', 'mmr'], 'pre-school on 31 December 2025: MMR'],
  ])('born %s: 1 year %o, 18 months %o, pre-school %o (%s)', (dateOfBirth, oneYear, eighteenMonths, preschool) => {
    const doses = getImmunisationSchedule(dateOfBirth);
    const at = (appointment: string) => doses.filter((dose) => dose.appointment === appointment).map((dose) => dose.vaccine).sort();
    expect(at('1-year')).toEqual([...oneYear].sort());
    expect(at('18-months')).toEqual([...eighteenMonths].sort());
    expect(at('3-years-4-months')).toEqual([...preschool].sort());
  });

  test.each([
    ['2024-12-31', '18-months', '2026-07-01', '18 months after 31 December is 1 July (there is no 31 June)'],
    ['2024-02-29', '1-year', '2025-03-01', 'a leap-day baby reaches 1 year on 1 March'],
    ['2024-02-29', '3-years-4-months', '2027-06-29', 'and 3 years 4 months on 29 June'],
    ['2025-06-01', '8-weeks', '2025-07-27', '8 weeks is 56 days'],
    ['2025-06-01', '12-weeks', '2025-08-24', '12 weeks is 84 days'],
    ['2025-06-01', '16-weeks', '2025-09-21', '16 weeks is 112 days'],
  ])('born %s: the %s appointment is on %s (%s)', (dateOfBirth, appointment, dueOn) => {
    const dates = new Set(getImmunisationSchedule(dateOfBirth).filter((dose) => dose.appointment === appointment).map((dose) => dose.dueOn));
    expect([...dates]).toEqual([dueOn]);
  });

  test('rotavirus has its age limits: first dose to 14+6 weeks, second to 23+6 weeks', () => {
    const rotavirus = getImmunisationSchedule('2025-06-01').filter((dose) => dose.vaccine === 'rotavirus');
    expect(rotavirus.map((dose) => dose.latestOn)).toEqual(['2025-09-13', '2025-11-15']);
  });

  describe('selective and seasonal programmes appear only when eligibility says so', () => {
    test('none by default', () => {
      const vaccines = new Set(getImmunisationSchedule('2025-06-01').map((dose) => dose.vaccine));
      for (const code of ['bcg', 'hepb', 'flu-nasal'] as const) expect(vaccines.has(code)).toBe(false);
    });

    test.each([
      ['2024-06-30', ['2024-06-30 hepb 1', '2024-07-28 hepb 2', '2025-06-30 hepb 3'], 'born before the July 2024 cut-off: a 12-month dose'],
      ['2024-07-01', ['2024-07-01 hepb 1', '2024-07-29 hepb 2'], 'born from 1 July 2024: no 12-month dose'],
    ])('hepatitis B for a baby born %s', (dateOfBirth, expected) => {
      expect(plan(dateOfBirth, { hepb: true }).filter((dose) => dose.includes('hepb') && !dose.includes('dtap'))).toEqual(expected);
    });

    test('BCG at 28 days', () => {
      expect(plan('2025-06-01', { bcg: true }).filter((dose) => dose.includes('bcg'))).toEqual(['2025-06-29 bcg 1']);
    });

    test.each([
      ['2024-05-15', ['2026-09-01 flu-nasal 1', '2027-09-01 flu-nasal 2'], 'aged 2 by 31 August 2026'],
      ['2024-08-31', ['2026-09-01 flu-nasal 1', '2027-09-01 flu-nasal 2'], 'turns 2 on 31 August 2026: counts'],
      ['2024-09-01', ['2027-09-01 flu-nasal 1'], 'turns 2 on 1 September 2026: next season'],
    ])('nasal flu for a child born %s: %o (%s)', (dateOfBirth, expected) => {
      expect(plan(dateOfBirth, { fluNasal: true }).filter((dose) => dose.includes('flu'))).toEqual(expected);
    });
  });

  test('every rule cites at least one known source', () => {
    for (const rule of scheduleRules) {
      expect(rule.sources.length, rule.id).toBeGreaterThan(0);
      for (const source of rule.sources) expect(scheduleSources[source], `${rule.id} cites ${source}`).toBeDefined();
    }
  });

  test('refuses a date of birth that is not a calendar date', () => {
    expect(() => getImmunisationSchedule('2025-02-29')).toThrow(RangeError);
  });
});
