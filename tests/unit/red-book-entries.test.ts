/** The red book's entries other than growth and vaccines: screening, reviews, firsts, how entries are described and summarised, and the file a family keeps. */
import { describe, expect, test } from 'vitest';
import { validateNhsNumber } from '../../src/nhs-number/index.ts';
import { bloodSpotConditions } from '../../src/screening/index.ts';
import { checkChildDetails, childDetailsToFormValues, exampleNhsNumber, type ChildDetails } from '../../src/red-book/child-details.ts';
import { describeEntry } from '../../src/red-book/describe-entry.ts';
import type { Entry, EntryKind, Provenance } from '../../src/red-book/entries.ts';
import { dateToFormValues, readByAndNotes } from '../../src/red-book/entry-fields.ts';
import { checkFirst, describeFirst, firstToFormValues, type FirstData } from '../../src/red-book/firsts.ts';
import { assessChildReviews, checkHealthReview, healthReviewToFormValues } from '../../src/red-book/health-reviews.ts';
import { checkMeasurement } from '../../src/red-book/measurements.ts';
import { checkRedBookFile, redBookFileFormat, type RedBookFile, type RedBookFileEntry } from '../../src/red-book/portability.ts';
import { assessScreening, checkScreening, describeScreening, hasChecklistConcern, screeningToFormValues, type ScreeningData } from '../../src/red-book/screening.ts';
import { summariseRedBook } from '../../src/red-book/summary.ts';
import type { FieldError } from '../../src/forms.ts';

// ---------------------------------------------------------------------------------------------
// Named fixtures. Every date is explicit: nothing here reads the clock.
// ---------------------------------------------------------------------------------------------

/** "born-at-term": a girl born on 10 January 2026 at 40+0 weeks. */
const termGirl: ChildDetails = {
  dateOfBirth: '2026-01-10',
  sex: 'female',
  nhsNumber: '9434765919',
  gestationAtBirth: { weeks: 40, days: 0 },
  birthWeightKg: 3.4,
  birthLengthCm: 50.5,
  birthHeadCircumferenceCm: 34.2,
  placeOfBirth: 'Leeds General Infirmary',
  healthProblems: null,
  familyHistory: 'Her grandfather had a squint as a child',
  selectiveProgrammes: { bcg: false, hepb: true },
};

/** "born-at-30-weeks": a boy born on 10 January 2026 at 30+0 weeks, so due on 21 March 2026. */
const bornAt30WeeksBoy: ChildDetails = {
  dateOfBirth: '2026-01-10',
  sex: 'male',
  nhsNumber: null,
  gestationAtBirth: { weeks: 30, days: 0 },
  birthWeightKg: 1.4,
  birthLengthCm: null,
  birthHeadCircumferenceCm: null,
  placeOfBirth: null,
  healthProblems: 'Needed help breathing for the first week',
  familyHistory: null,
  selectiveProgrammes: { bcg: true, hepb: false },
};

/** Day 69 for both babies: after every newborn screening window has opened. */
const today = '2026-03-20';

/** The 10 blood spot conditions, written out so that a change to the list is noticed here. */
const bloodSpotCodes = ['scd', 'cf', 'cht', 'pku', 'mcadd', 'msud', 'iva', 'ga1', 'hcu', 'ht1'] as const;

/** The three boxes of a date input, typed with leading zeros as some people do. */
function dateFields(name: string, date: string): Record<string, string> {
  return { [`${name}-day`]: date.slice(8, 10), [`${name}-month`]: date.slice(5, 7), [`${name}-year`]: date.slice(0, 4) };
}

let entryCount = 0;
/** A stored entry, as `listEntries` returns it. */
function makeEntry(kind: EntryKind, occurredOn: string, data: object, provenance: Provenance = 'parent-or-carer'): Entry {
  entryCount += 1;
  return { id: `entry-${entryCount}`, kind, occurredOn, data: { ...data }, provenance, createdByEmail: null, createdAt: new Date(`${occurredOn}T12:00:00Z`), updatedAt: null };
}

const allNotSuspected: Record<string, string> = Object.fromEntries(bloodSpotCodes.map((code) => [`bloodSpot-${code}`, 'not-suspected']));
const bloodSpotForm: Record<string, string> = { test: 'blood-spot', ...dateFields('doneOn', '2026-01-15'), ...allNotSuspected, by: 'Community midwife', notes: '' };
const chtRepeatForm: Record<string, string> = { test: 'blood-spot-cht-repeat', ...dateFields('doneOn', '2026-02-07'), 'bloodSpot-cht': 'not-suspected' };
const hearingForm: Record<string, string> = { test: 'hearing', ...dateFields('doneOn', '2026-01-11'), 'hearing-left': 'clear-response', 'hearing-right': 'no-clear-response', 'hearing-followUp': 'repeat-screen' };
const examinationForm: Record<string, string> = {
  test: 'nipe-72-hours',
  ...dateFields('doneOn', '2026-01-11'),
  'examination-eyes': 'no-concerns',
  'examination-heart': 'referred',
  'examination-hips': 'no-concerns',
  'examination-testes': 'no-concerns',
};
const seeForm: Record<string, string> = { test: 'can-your-baby-see', ...dateFields('doneOn', '2026-02-21'), 'answer-follows-faces': 'yes', 'answer-white-patch': 'no' };
const hearForm: Record<string, string> = { test: 'can-your-baby-hear', ...dateFields('doneOn', '2026-02-21'), 'answer-startles': 'yes', 'answer-pauses': 'not-sure' };

/** The errors of a refused check, or a failure if it was accepted. */
function errorsOf(result: { readonly ok: true } | { readonly ok: false; readonly errors: readonly FieldError[] }): readonly FieldError[] {
  if (result.ok) throw new Error('expected the form to be refused');
  return result.errors;
}

/** The data of an accepted screening check, or a failure if it was refused. */
function screeningDataOf(input: Record<string, string>, child: ChildDetails = termGirl): ScreeningData {
  const result = checkScreening(input, child, today);
  if (!result.ok) throw new Error(`expected the form to be accepted: ${JSON.stringify(result.errors)}`);
  return result.data;
}

function without(input: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(input).filter(([name]) => !names.includes(name)));
}

// ---------------------------------------------------------------------------------------------
// Screening
// ---------------------------------------------------------------------------------------------

describe('checkScreening: blood spot', () => {
  test('the blood spot list is the 10 conditions, in the red book order', () => {
    expect(bloodSpotConditions.map((condition) => condition.code)).toEqual(bloodSpotCodes);
  });

  test('a result for all 10 conditions is stored, with who did it', () => {
    expect(checkScreening(bloodSpotForm, termGirl, today)).toStrictEqual({
      ok: true,
      occurredOn: '2026-01-15',
      data: { test: 'blood-spot', by: 'Community midwife', notes: null, bloodSpot: Object.fromEntries(bloodSpotCodes.map((code) => [code, 'not-suspected'])) },
    });
  });

  test.each([
    ['scd', 'sickle cell disease'],
    ['cf', 'cystic fibrosis'],
    ['cht', 'congenital hypothyroidism'],
    ['pku', 'phenylketonuria'],
    ['mcadd', 'medium-chain acyl-CoA dehydrogenase deficiency'],
    ['msud', 'maple syrup urine disease'],
    ['iva', 'isovaleric acidaemia'],
    ['ga1', 'glutaric aciduria type 1'],
    ['hcu', 'homocystinuria (pyridoxine unresponsive)'],
    ['ht1', 'tyrosinaemia type 1'],
  ])('without a result for %s it is refused: "Select the result for %s"', (code, name) => {
    expect(errorsOf(checkScreening(without(bloodSpotForm, `bloodSpot-${code}`), termGirl, today))).toEqual([{ field: `bloodSpot-${code}`, message: `Select the result for ${name}` }]);
  });

  test('a result that is not one of the choices counts as no result', () => {
    expect(errorsOf(checkScreening({ ...bloodSpotForm, 'bloodSpot-pku': 'positive' }, termGirl, today))).toEqual([{ field: 'bloodSpot-pku', message: 'Select the result for phenylketonuria' }]);
  });

  test('an empty form asks for every one of the 10 results', () => {
    const errors = errorsOf(checkScreening({ test: 'blood-spot', ...dateFields('doneOn', '2026-01-15') }, termGirl, today));
    expect(errors.map((error) => error.field)).toEqual(bloodSpotCodes.map((code) => `bloodSpot-${code}`));
  });

  test.each([
    ['scd', true],
    ['cf', true],
    ['cht', false],
    ['pku', false],
    ['mcadd', false],
    ['msud', false],
    ['iva', false],
    ['ga1', false],
    ['hcu', false],
    ['ht1', false],
  ] as const)('carrier as the result for %s is allowed: %s', (code, allowed) => {
    const result = checkScreening({ ...bloodSpotForm, [`bloodSpot-${code}`]: 'carrier' }, termGirl, today);
    expect(result.ok).toBe(allowed);
    if (result.ok) expect(result.data.bloodSpot?.[code]).toBe('carrier');
    else expect(result.errors).toEqual([{ field: `bloodSpot-${code}`, message: `Carrier is not a result for ${bloodSpotConditions.find((condition) => condition.code === code)?.name}. Select another result` }]);
  });

  test('the CHT repeat asks for and stores only congenital hypothyroidism', () => {
    const result = checkScreening({ ...chtRepeatForm, 'bloodSpot-scd': 'suspected' }, bornAt30WeeksBoy, today);
    expect(result).toStrictEqual({ ok: true, occurredOn: '2026-02-07', data: { test: 'blood-spot-cht-repeat', by: null, notes: null, bloodSpot: { cht: 'not-suspected' } } });
    expect(errorsOf(checkScreening(without(chtRepeatForm, 'bloodSpot-cht'), bornAt30WeeksBoy, today))).toEqual([{ field: 'bloodSpot-cht', message: 'Select the result for congenital hypothyroidism' }]);
  });

  test('carrier is not a result for the CHT repeat', () => {
    expect(errorsOf(checkScreening({ ...chtRepeatForm, 'bloodSpot-cht': 'carrier' }, bornAt30WeeksBoy, today))).toEqual([
      { field: 'bloodSpot-cht', message: 'Carrier is not a result for congenital hypothyroidism. Select another result' },
    ]);
  });
});

describe('checkScreening: hearing', () => {
  test('both ears and what happened next are stored', () => {
    expect(screeningDataOf(hearingForm).hearing).toStrictEqual({ left: 'clear-response', right: 'no-clear-response', followUp: 'repeat-screen' });
  });

  test.each([
    ['hearing-left', 'Select the result for the left ear'],
    ['hearing-right', 'Select the result for the right ear'],
    ['hearing-followUp', 'Select what happened next'],
  ])('without %s it is refused: "%s"', (field, message) => {
    expect(errorsOf(checkScreening(without(hearingForm, field), termGirl, today))).toEqual([{ field, message }]);
  });
});

describe('checkScreening: physical examinations', () => {
  test.each(['nipe-72-hours', 'nipe-6-to-8-weeks'])('%s for a boy stores all four parts, testes included', (code) => {
    expect(screeningDataOf({ ...examinationForm, test: code }, bornAt30WeeksBoy).examination).toStrictEqual({ eyes: 'no-concerns', heart: 'referred', hips: 'no-concerns', testes: 'no-concerns' });
  });

  test.each(['nipe-72-hours', 'nipe-6-to-8-weeks'])('%s for a boy without testes is refused', (code) => {
    expect(errorsOf(checkScreening(without({ ...examinationForm, test: code }, 'examination-testes'), bornAt30WeeksBoy, today))).toEqual([{ field: 'examination-testes', message: 'Select the finding for testes' }]);
  });

  test.each(['nipe-72-hours', 'nipe-6-to-8-weeks'])('%s for a girl does not ask about testes, and stores it as null even when sent', (code) => {
    expect(screeningDataOf(without({ ...examinationForm, test: code }, 'examination-testes'), termGirl).examination).toStrictEqual({ eyes: 'no-concerns', heart: 'referred', hips: 'no-concerns', testes: null });
    expect(screeningDataOf({ ...examinationForm, test: code }, termGirl).examination?.testes).toBeNull();
  });

  test.each([
    ['examination-eyes', 'Select the finding for eyes'],
    ['examination-heart', 'Select the finding for heart'],
    ['examination-hips', 'Select the finding for hips'],
  ])('without %s it is refused: "%s"', (field, message) => {
    expect(errorsOf(checkScreening(without(examinationForm, field), termGirl, today))).toEqual([{ field, message }]);
  });
});

describe('checkScreening: parent checklists', () => {
  test('answered questions are stored; unanswered and unreadable answers are left out', () => {
    expect(screeningDataOf({ ...seeForm, 'answer-eyes-steady': 'maybe', 'answer-family-eye-problems': '' }).answers).toStrictEqual({ 'follows-faces': 'yes', 'white-patch': 'no' });
    expect(screeningDataOf(hearForm).answers).toStrictEqual({ startles: 'yes', pauses: 'not-sure' });
  });

  test.each([
    ['can-your-baby-see', 'answer-follows-faces'],
    ['can-your-baby-hear', 'answer-startles'],
  ])('%s with no answer is refused at its first question', (code, field) => {
    expect(errorsOf(checkScreening({ test: code, ...dateFields('doneOn', '2026-02-21') }, termGirl, today))).toEqual([{ field, message: 'Answer at least one question' }]);
  });

  test('an answer to another checklist’s question does not count', () => {
    expect(errorsOf(checkScreening({ test: 'can-your-baby-see', ...dateFields('doneOn', '2026-02-21'), 'answer-startles': 'yes' }, termGirl, today))).toEqual([
      { field: 'answer-follows-faces', message: 'Answer at least one question' },
    ]);
  });
});

describe('checkScreening: dates, who and notes', () => {
  test.each([
    ['the date of birth itself', '2026-01-10', null],
    ['today', '2026-03-20', null],
    ['tomorrow', '2026-03-21', 'The date it was done must be today or in the past'],
    ['the day before birth', '2026-01-09', 'The date it was done must be on or after the date of birth'],
  ])('a test done on %s (%s): %s', (_when, date, message) => {
    const result = checkScreening({ ...hearingForm, ...dateFields('doneOn', date) }, termGirl, today);
    if (message === null) expect(result).toMatchObject({ ok: true, occurredOn: date });
    else expect(errorsOf(result)).toEqual([{ field: 'doneOn', message }]);
  });

  test.each([
    ['tomorrow', '2026-03-21', 'The date you answered must be today or in the past'],
    ['the day before birth', '2026-01-09', 'The date you answered must be on or after the date of birth'],
  ])('a checklist answered %s is refused with "you answered" wording', (_when, date, message) => {
    expect(errorsOf(checkScreening({ ...seeForm, ...dateFields('doneOn', date) }, termGirl, today))).toEqual([{ field: 'doneOn', message }]);
  });

  test.each([
    ['no date', { 'doneOn-day': '', 'doneOn-month': '', 'doneOn-year': '' }, 'Enter the date it was done'],
    ['no year', { 'doneOn-day': '15', 'doneOn-month': '1', 'doneOn-year': '' }, 'The date it was done must include a year'],
    ['30 February', { 'doneOn-day': '30', 'doneOn-month': '2', 'doneOn-year': '2026' }, 'The date it was done must be a real date'],
  ])('%s is refused: "%s"', (_case, fields, message) => {
    expect(errorsOf(checkScreening({ ...hearingForm, ...fields }, termGirl, today))).toEqual([{ field: 'doneOn', message }]);
  });

  test.each([
    ['by: 100 letters', { by: 'a'.repeat(100) }, null],
    ['by: 101 letters', { by: 'a'.repeat(101) }, { field: 'by', message: 'Who did it must be 100 characters or fewer' }],
    ['by: 100 emoji (200 UTF-16 units)', { by: '👶'.repeat(100) }, null],
    ['by: 101 emoji', { by: '👶'.repeat(101) }, { field: 'by', message: 'Who did it must be 100 characters or fewer' }],
    ['notes: 500 letters', { notes: 'a'.repeat(500) }, null],
    ['notes: 501 letters', { notes: 'a'.repeat(501) }, { field: 'notes', message: 'Notes must be 500 characters or fewer' }],
    ['notes: 500 emoji (1,000 UTF-16 units)', { notes: '👶'.repeat(500) }, null],
    ['notes: 501 emoji', { notes: '👶'.repeat(501) }, { field: 'notes', message: 'Notes must be 500 characters or fewer' }],
    ['notes: 500 letters and spaces around them', { notes: `  ${'a'.repeat(500)}  ` }, null],
  ])('%s', (_case, fields, error) => {
    const result = checkScreening({ ...hearingForm, ...fields }, termGirl, today);
    if (error === null) expect(result.ok).toBe(true);
    else expect(errorsOf(result)).toEqual([error]);
  });

  test.each([
    ['an unknown test', 'heart-scan'],
    ['no test', undefined],
    ['a test name with other case', 'Hearing'],
  ])('%s is refused, and nothing else is asked', (_case, test) => {
    expect(errorsOf(checkScreening({ ...hearingForm, test }, termGirl, today))).toEqual([{ field: 'test', message: 'Select which screening test this is' }]);
  });
});

describe('screeningToFormValues', () => {
  test.each([
    ['blood spot with a carrier result', { ...bloodSpotForm, 'bloodSpot-cf': 'carrier', notes: 'First line\nSecond line' }, termGirl],
    ['CHT repeat', chtRepeatForm, bornAt30WeeksBoy],
    ['hearing', { ...hearingForm, by: 'Hearing screener' }, termGirl],
    ['72-hour examination of a girl', without(examinationForm, 'examination-testes'), termGirl],
    ['6 to 8 week examination of a boy', { ...examinationForm, test: 'nipe-6-to-8-weeks', ...dateFields('doneOn', '2026-02-21') }, bornAt30WeeksBoy],
    ['"Can your baby see?", partly answered', { ...seeForm, 'answer-family-eye-problems': 'yes' }, termGirl],
    ['"Can your baby hear?"', hearForm, termGirl],
  ])('%s: checked, stored, turned back into the form and checked again gives the same', (_case, form, child) => {
    const first = checkScreening(form, child, today);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const values = screeningToFormValues(makeEntry('screening', first.occurredOn, first.data));
    expect(checkScreening(values, child, today)).toStrictEqual(first);
  });

  test('the form values hold the date without leading zeros, and empty text for no "by" or notes', () => {
    const data = screeningDataOf(chtRepeatForm, bornAt30WeeksBoy);
    expect(screeningToFormValues(makeEntry('screening', '2026-02-07', data))).toStrictEqual({
      test: 'blood-spot-cht-repeat',
      by: '',
      notes: '',
      'doneOn-day': '7',
      'doneOn-month': '2',
      'doneOn-year': '2026',
      'bloodSpot-cht': 'not-suspected',
    });
  });

  test('a girl’s examination has no testes field', () => {
    const values = screeningToFormValues(makeEntry('screening', '2026-01-11', screeningDataOf(examinationForm, termGirl)));
    expect(values).not.toHaveProperty('examination-testes');
    expect(values['examination-heart']).toBe('referred');
  });
});

describe('describeScreening', () => {
  const bloodSpot = (results: Record<string, string>): ScreeningData => ({ test: 'blood-spot', by: null, notes: null, bloodSpot: results } as ScreeningData);
  const allClear = Object.fromEntries(bloodSpotCodes.map((code) => [code, 'not-suspected']));

  test.each([
    ['all 10 not suspected', allClear, ['No condition suspected.']],
    ['one carrier', { ...allClear, scd: 'carrier' }, ['Sickle cell disease: carrier.', 'Every other condition: not suspected.']],
    ['a suspected result', { ...allClear, pku: 'suspected' }, ['Phenylketonuria: condition suspected: referred for more tests.', 'Every other condition: not suspected.']],
    ['every result notable', Object.fromEntries(bloodSpotCodes.map((code) => [code, 'not-known'])), bloodSpotCodes.map((code) => `${capitalise(bloodSpotConditions.find((condition) => condition.code === code)?.name ?? '')}: not known yet.`)],
  ])('blood spot, %s', (_case, results, lines) => {
    expect(describeScreening(bloodSpot(results), 'female')).toEqual(lines);
  });

  test('results are listed in the conditions’ order even when the stored keys are in another order', () => {
    const reversed = Object.fromEntries([...bloodSpotCodes].reverse().map((code) => [code, code === 'ht1' ? 'suspected' : code === 'cf' ? 'carrier' : code === 'msud' ? 'repeat' : 'not-suspected']));
    expect(Object.keys(reversed)[0]).toBe('ht1');
    expect(describeScreening(bloodSpot(reversed), 'male')).toEqual([
      'Cystic fibrosis: carrier.',
      'Maple syrup urine disease: repeat test needed.',
      'Tyrosinaemia type 1: condition suspected: referred for more tests.',
      'Every other condition: not suspected.',
    ]);
  });

  test.each([
    ['not suspected', 'not-suspected', ['Condition not suspected.']],
    ['suspected', 'suspected', ['Congenital hypothyroidism: condition suspected: referred for more tests.']],
    ['declined', 'declined', ['Congenital hypothyroidism: declined.']],
  ])('the CHT repeat alone, %s', (_case, result, lines) => {
    expect(describeScreening({ test: 'blood-spot-cht-repeat', by: null, notes: null, bloodSpot: { cht: result } } as ScreeningData, 'male')).toEqual(lines);
  });

  test('hearing: each ear and what happens next', () => {
    expect(describeScreening(screeningDataOf({ ...hearingForm, 'hearing-followUp': 'audiology' }), 'female')).toEqual([
      'Left ear: clear response.',
      'Right ear: no clear response.',
      'Next: referred to a hearing specialist (audiology).',
    ]);
  });

  test('a boy’s examination has a line for each of the four parts', () => {
    expect(describeScreening(screeningDataOf({ ...examinationForm, 'examination-hips': 'not-known' }, bornAt30WeeksBoy), 'male')).toEqual([
      'Eyes: no concerns found.',
      'Heart: referred for more checks.',
      'Hips: not known.',
      'Testes: no concerns found.',
    ]);
  });

  test('a girl’s examination has no testes line', () => {
    expect(describeScreening(screeningDataOf(examinationForm, termGirl), 'female')).toEqual(['Eyes: no concerns found.', 'Heart: referred for more checks.', 'Hips: no concerns found.']);
  });

  test('a boy’s examination stored without testes says it was not recorded', () => {
    const data = { test: 'nipe-72-hours', by: null, notes: null, examination: { eyes: 'no-concerns', heart: 'no-concerns', hips: 'no-concerns', testes: null } } as ScreeningData;
    expect(describeScreening(data, 'male').at(-1)).toBe('Testes: not recorded.');
  });

  const see = (answers: Record<string, string>): ScreeningData => ({ test: 'can-your-baby-see', by: null, notes: null, answers } as ScreeningData);
  const hear = (answers: Record<string, string>): ScreeningData => ({ test: 'can-your-baby-hear', by: null, notes: null, answers } as ScreeningData);

  test.each([
    ['every "see" answer reassuring (family history "no")', see({ 'follows-faces': 'yes', 'white-patch': 'no', 'eyes-straight': 'yes', 'eyes-steady': 'yes', 'family-eye-problems': 'no' }), '5 of 5 questions answered.', 'No answers that need a check.', false],
    ['family history "yes" is a concern', see({ 'follows-faces': 'yes', 'family-eye-problems': 'yes' }), '2 of 5 questions answered.', '1 answer needs a check with a health visitor or GP.', true],
    ['"no" to following faces is a concern', see({ 'follows-faces': 'no' }), '1 of 5 questions answered.', '1 answer needs a check with a health visitor or GP.', true],
    ['"not sure" is a concern, even for family history', see({ 'eyes-steady': 'not-sure', 'family-eye-problems': 'not-sure' }), '2 of 5 questions answered.', '2 answers need a check with a health visitor or GP.', true],
    ['three concerns of three kinds', see({ 'follows-faces': 'yes', 'eyes-straight': 'no', 'eyes-steady': 'not-sure', 'family-eye-problems': 'yes' }), '4 of 5 questions answered.', '3 answers need a check with a health visitor or GP.', true],
    ['"hear": one reassuring answer', hear({ startles: 'yes' }), '1 of 6 questions answered.', 'No answers that need a check.', false],
    ['"hear": "no" to knowing their name', hear({ startles: 'yes', 'knows-name': 'no' }), '2 of 6 questions answered.', '1 answer needs a check with a health visitor or GP.', true],
  ])('checklist, %s', (_case, data, answeredLine, concernLine, concern) => {
    expect(describeScreening(data, 'female')).toEqual([answeredLine, concernLine]);
    expect(hasChecklistConcern(data)).toBe(concern);
  });

  test.each([
    ['"no" to knowing their name at 11 months (day 334) is not yet a concern', hear({ 'knows-name': 'no' }), 334, false],
    ['"no" to knowing their name at 12 months (day 365) is a concern', hear({ 'knows-name': 'no' }), 365, true],
    ['"not sure" about turning to a voice at 3 weeks is not yet a concern', hear({ 'turns-to-voice': 'not-sure' }), 21, false],
    ['"no" to startling at 3 weeks is a concern at any age', hear({ startles: 'no' }), 21, true],
    ['"no" to following faces the day before 6 weeks is not yet a concern', see({ 'follows-faces': 'no' }), 41, false],
    ['"no" to following faces at 6 weeks is a concern', see({ 'follows-faces': 'no' }), 42, true],
    ['a white patch in the eye is a concern at any age', see({ 'white-patch': 'yes' }), 0, true],
    ['a squint before 3 months is common, so not yet a concern', see({ 'eyes-straight': 'no' }), 60, false],
  ])('checklist answered at an age: %s', (_case, data, ageInDays, concern) => {
    expect(hasChecklistConcern(data, ageInDays)).toBe(concern);
    expect(describeScreening(data, 'female', false, ageInDays).at(-1)).toBe(concern ? '1 answer needs a check with a health visitor or GP.' : 'No answers that need a check.');
  });

  test('detailed adds one line per answered question, in the checklist’s order', () => {
    const lines = describeScreening(see({ 'family-eye-problems': 'no', 'follows-faces': 'yes' }), 'female', true);
    expect(lines).toEqual([
      'Does your baby look at your face and follow it with their eyes? Yes.',
      'Did anyone in your baby’s close family have a squint, a lazy eye or a serious eye problem as a child? No.',
      '2 of 5 questions answered.',
      'No answers that need a check.',
    ]);
  });

  test('hasChecklistConcern is false for anything that is not a checklist', () => {
    expect(hasChecklistConcern({ test: 'hearing', by: null, notes: null, answers: { startles: 'no' } } as ScreeningData)).toBe(false);
    expect(hasChecklistConcern({ test: 'can-your-baby-see', by: null, notes: null })).toBe(false);
  });
});

function capitalise(text: string): string {
  return `${text.slice(0, 1).toUpperCase()}${text.slice(1)}`;
}

describe('assessScreening', () => {
  test.each([
    // The term girl, born 10 January 2026.
    ['nipe-72-hours', '2026-01-10', 'due', 'the day of birth (first day)', termGirl],
    ['nipe-72-hours', '2026-01-13', 'due', 'day 3 (last day)', termGirl],
    ['nipe-72-hours', '2026-01-14', 'not recorded', 'day 4', termGirl],
    ['blood-spot', '2026-01-14', 'not yet due', 'day 4', termGirl],
    ['blood-spot', '2026-01-15', 'due', 'day 5 (first day)', termGirl],
    ['blood-spot', '2026-01-18', 'due', 'day 8 (last day)', termGirl],
    ['blood-spot', '2026-01-19', 'not recorded', 'day 9', termGirl],
    ['hearing', '2026-02-14', 'due', 'day 35 (last day)', termGirl],
    ['hearing', '2026-02-15', 'not recorded', 'day 36', termGirl],
    ['nipe-6-to-8-weeks', '2026-02-20', 'not yet due', 'day 41', termGirl],
    ['nipe-6-to-8-weeks', '2026-02-21', 'due', 'day 42 (first day)', termGirl],
    ['nipe-6-to-8-weeks', '2026-03-13', 'due', 'day 62 (last day)', termGirl],
    ['nipe-6-to-8-weeks', '2026-03-14', 'not recorded', 'day 63', termGirl],
    // The boy born at 30 weeks has the CHT repeat on day 28 only.
    ['blood-spot-cht-repeat', '2026-02-06', 'not yet due', 'day 27', bornAt30WeeksBoy],
    ['blood-spot-cht-repeat', '2026-02-07', 'due', 'day 28', bornAt30WeeksBoy],
    ['blood-spot-cht-repeat', '2026-02-08', 'not recorded', 'day 29', bornAt30WeeksBoy],
  ] as const)('%s, not recorded, on %s is "%s" (%s)', (code, on, status, _day, child) => {
    expect(assessScreening(child, [], on).find((item) => item.code === code)).toMatchObject({ status, latest: null });
  });

  test('each window is given as dates from the date of birth', () => {
    expect(assessScreening(bornAt30WeeksBoy, [], today).map((item) => [item.code, item.expectedFrom, item.expectedBy])).toEqual([
      ['nipe-72-hours', '2026-01-10', '2026-01-13'],
      ['blood-spot', '2026-01-15', '2026-01-18'],
      ['hearing', '2026-01-10', '2026-02-14'],
      ['blood-spot-cht-repeat', '2026-02-07', '2026-02-07'],
      ['nipe-6-to-8-weeks', '2026-02-21', '2026-03-13'],
    ]);
  });

  test('a recorded test is "recorded", whatever the date, with the latest of its entries', () => {
    const first = makeEntry('screening', '2026-01-15', { ...screeningDataOf(bloodSpotForm), bloodSpot: { ...screeningDataOf(bloodSpotForm).bloodSpot, cf: 'repeat' } });
    const repeat = makeEntry('screening', '2026-01-29', screeningDataOf(bloodSpotForm));
    const hearing = makeEntry('screening', '2026-01-11', screeningDataOf(hearingForm));
    const statuses = assessScreening(termGirl, [first, hearing, repeat], '2026-01-12');
    expect(statuses.find((item) => item.code === 'blood-spot')).toMatchObject({ status: 'recorded', latest: repeat });
    expect(statuses.find((item) => item.code === 'hearing')).toMatchObject({ status: 'recorded', latest: hearing });
    expect(statuses.find((item) => item.code === 'nipe-72-hours')).toMatchObject({ status: 'due', latest: null });
  });

  test('checklist entries do not count as any screening test', () => {
    const statuses = assessScreening(termGirl, [makeEntry('screening', '2026-02-21', screeningDataOf(seeForm))], '2026-03-20');
    expect(statuses.map((item) => item.status)).toEqual(['not recorded', 'not recorded', 'not recorded', 'not recorded']);
  });

  test.each([
    [30, 0, true],
    [31, 6, true],
    [32, 0, false],
    [40, 0, false],
  ])('born at %i+%i weeks: CHT repeat listed: %s', (weeks, days, listed) => {
    const codes = assessScreening({ ...termGirl, gestationAtBirth: { weeks, days } }, [], today).map((item) => item.code);
    expect(codes.includes('blood-spot-cht-repeat')).toBe(listed);
  });
});

// ---------------------------------------------------------------------------------------------
// Health reviews
// ---------------------------------------------------------------------------------------------

describe('checkHealthReview', () => {
  const reviewForm: Record<string, string> = { review: 'new-baby', ...dateFields('doneOn', '2026-01-22'), by: 'Health visitor', notes: 'Feeding well.\nNext contact at 6 weeks.' };

  test('a review done is stored with who did it and notes', () => {
    expect(checkHealthReview(reviewForm, termGirl, today)).toStrictEqual({ ok: true, occurredOn: '2026-01-22', data: { review: 'new-baby', by: 'Health visitor', notes: 'Feeding well.\nNext contact at 6 weeks.' } });
  });

  test.each([
    ['an unknown review', { review: '3-year-review' }, 'review', 'Select which review your child had'],
    ['the antenatal contact, which belongs to the pregnancy', { review: 'antenatal' }, 'review', 'Select which review your child had'],
    ['no review', { review: '' }, 'review', 'Select which review your child had'],
    ['tomorrow', dateFields('doneOn', '2026-03-21'), 'doneOn', 'The date the review was done must be today or in the past'],
    ['the day before birth', dateFields('doneOn', '2026-01-09'), 'doneOn', 'The date the review was done must be on or after the date of birth'],
    ['"by" of 101 characters', { by: 'b'.repeat(101) }, 'by', 'Who did it must be 100 characters or fewer'],
    ['notes of 501 characters', { notes: 'n'.repeat(501) }, 'notes', 'Notes must be 500 characters or fewer'],
  ])('%s is refused', (_case, change, field, message) => {
    expect(errorsOf(checkHealthReview({ ...reviewForm, ...change }, termGirl, today))).toEqual([{ field, message }]);
  });

  test.each([
    ['the date of birth', '2026-01-10'],
    ['today', '2026-03-20'],
  ])('a review on %s is accepted', (_case, date) => {
    expect(checkHealthReview({ ...reviewForm, ...dateFields('doneOn', date) }, termGirl, today)).toMatchObject({ ok: true, occurredOn: date });
  });

  test.each([
    ['new baby, with who and notes', reviewForm],
    ['6 to 8 weeks, no who or notes', { review: '6-to-8-weeks', ...dateFields('doneOn', '2026-02-21') }],
  ])('%s: round trip through the form gives the same', (_case, form) => {
    const first = checkHealthReview(form, termGirl, today);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(checkHealthReview(healthReviewToFormValues(makeEntry('health-review', first.occurredOn, first.data)), termGirl, today)).toStrictEqual(first);
  });
});

describe('assessChildReviews', () => {
  test('the child’s four reviews are listed, without the antenatal contact', () => {
    expect(assessChildReviews(termGirl, [], today).map((review) => review.code)).toEqual(['new-baby', '6-to-8-weeks', '9-to-12-months', '2-to-2-and-a-half-years']);
  });

  test('a review that is done links the entry that recorded it (the earliest, if two)', () => {
    const newBaby = makeEntry('health-review', '2026-01-22', { review: 'new-baby', by: null, notes: null });
    const again = makeEntry('health-review', '2026-01-24', { review: 'new-baby', by: null, notes: 'Recorded twice' });
    const reviews = assessChildReviews(termGirl, [newBaby, again], today);
    expect(reviews[0]).toMatchObject({ code: 'new-baby', status: 'done', doneOn: '2026-01-22' });
    expect(reviews[0]?.entry).toBe(newBaby);
    expect(reviews.slice(1).map((review) => [review.code, review.status, review.entry])).toEqual([
      ['6-to-8-weeks', 'overdue', null],
      ['9-to-12-months', 'not yet due', null],
      ['2-to-2-and-a-half-years', 'not yet due', null],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Firsts
// ---------------------------------------------------------------------------------------------

describe('checkFirst', () => {
  const firstForm: Record<string, string> = { first: 'smiled', ...dateFields('happenedOn', '2026-02-25'), notes: '' };

  test.each([
    ['a listed first drops any label', { label: 'At the beach' }, { first: 'smiled', label: null, notes: null }],
    ['the family’s own first keeps its label, with spaces tidied', { first: 'own', label: '  First   time\nin the sea ' }, { first: 'own', label: 'First time in the sea', notes: null }],
    ['a label of 60 characters', { first: 'own', label: 'l'.repeat(60) }, { first: 'own', label: 'l'.repeat(60), notes: null }],
    ['a label of 60 emoji', { first: 'own', label: '🌊'.repeat(60) }, { first: 'own', label: '🌊'.repeat(60), notes: null }],
    ['notes keep their line breaks', { notes: 'Smiled at Grandma.\r\nThen again at the cat.' }, { first: 'smiled', label: null, notes: 'Smiled at Grandma.\nThen again at the cat.' }],
  ])('%s', (_case, change, data) => {
    expect(checkFirst({ ...firstForm, ...change }, termGirl, today)).toStrictEqual({ ok: true, occurredOn: '2026-02-25', data });
  });

  test.each([
    ['the family’s own first without a label', { first: 'own', label: '' }, 'label', 'Enter what your child did'],
    ['the family’s own first with only spaces', { first: 'own', label: '   ' }, 'label', 'Enter what your child did'],
    ['a label of 61 characters', { first: 'own', label: 'l'.repeat(61) }, 'label', 'What your child did must be 60 characters or fewer'],
    ['an unknown first', { first: 'flew' }, 'first', 'Select what your child did'],
    ['tomorrow', dateFields('happenedOn', '2026-03-21'), 'happenedOn', 'The date it happened must be today or in the past'],
    ['the day before birth', dateFields('happenedOn', '2026-01-09'), 'happenedOn', 'The date it happened must be on or after the date of birth'],
    ['notes of 501 characters', { notes: 'n'.repeat(501) }, 'notes', 'Notes must be 500 characters or fewer'],
  ])('%s is refused', (_case, change, field, message) => {
    expect(errorsOf(checkFirst({ ...firstForm, ...change }, termGirl, today))).toEqual([{ field, message }]);
  });

  test.each([
    ['a listed first', firstForm],
    ['the family’s own first with notes', { first: 'own', label: 'Swam', ...dateFields('happenedOn', '2026-03-20'), notes: 'At the leisure centre.\nLoved it.' }],
  ])('%s: round trip through the form gives the same', (_case, form) => {
    const first = checkFirst(form, termGirl, today);
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(checkFirst(firstToFormValues(makeEntry('first', first.occurredOn, first.data)), termGirl, today)).toStrictEqual(first);
  });

  test.each([
    [{ first: 'walked', label: null, notes: null }, 'First steps'],
    [{ first: 'sat-up', label: null, notes: null }, 'Sat up without help'],
    [{ first: 'own', label: 'Swam', notes: null }, 'Swam'],
    [{ first: 'own', label: null, notes: null }, 'Something else'],
  ] as [FirstData, string][])('describeFirst(%o) is "%s"', (data, name) => {
    expect(describeFirst(data)).toBe(name);
  });
});

// ---------------------------------------------------------------------------------------------
// Shared entry fields
// ---------------------------------------------------------------------------------------------

describe('entry fields', () => {
  test.each([
    ['2026-01-05', { 'on-day': '5', 'on-month': '1', 'on-year': '2026' }],
    ['2026-12-31', { 'on-day': '31', 'on-month': '12', 'on-year': '2026' }],
    ['2028-02-29', { 'on-day': '29', 'on-month': '2', 'on-year': '2028' }],
  ])('dateToFormValues(%s) has no leading zeros', (date, values) => {
    expect(dateToFormValues('on', date)).toStrictEqual(values);
  });

  test.each([
    ['spaces and line breaks in "by" become single spaces', { by: '  Dr   Amara\n  Okafor ' }, { by: 'Dr Amara Okafor', notes: null }],
    ['notes keep their line breaks, with Windows line endings made plain', { notes: '  Line one\r\nLine two\rLine three  ' }, { by: null, notes: 'Line one\nLine two\nLine three' }],
    ['empty and missing fields are null', { by: '   ', notes: undefined }, { by: null, notes: null }],
    ['control characters are removed', { by: 'Health\u0000 visitor' }, { by: 'Health visitor', notes: null }],
  ])('readByAndNotes: %s', (_case, input, expected) => {
    const errors: FieldError[] = [];
    expect(readByAndNotes(input, errors)).toStrictEqual(expected);
    expect(errors).toEqual([]);
  });

  test('readByAndNotes counts "by" after its spaces are collapsed', () => {
    const errors: FieldError[] = [];
    readByAndNotes({ by: `${'a'.repeat(50)}${' '.repeat(20)}${'b'.repeat(49)}` }, errors);
    expect(errors).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// describeEntry
// ---------------------------------------------------------------------------------------------

describe('describeEntry', () => {
  test.each([
    [
      'a weight',
      termGirl,
      { kind: 'measurement', occurredOn: '2026-02-21', data: { quantity: 'weight', value: 4.6, position: null, measuredBy: 'Health visitor' } },
      'Weight: 4.6 kg',
      ['Measured on 21 February 2026 (age 6 weeks).', '51st centile.', 'Measured by Health visitor.'],
    ],
    [
      'a length, lying down',
      termGirl,
      { kind: 'measurement', occurredOn: '2026-03-20', data: { quantity: 'length', value: 58, position: 'lying', measuredBy: null } },
      'Length or height: 58 cm',
      ['Measured on 20 March 2026 (age 9 weeks). Measured lying down.', '53rd centile.'],
    ],
    [
      'a weight of a baby born at 30 weeks, after his due date',
      bornAt30WeeksBoy,
      { kind: 'measurement', occurredOn: '2026-04-20', data: { quantity: 'weight', value: 4.2, position: null, measuredBy: null } },
      'Weight: 4.2 kg',
      ['Measured on 20 April 2026 (age 3 months).', '33rd centile (corrected age).'],
    ],
    [
      'a weight of a baby born at 30 weeks, before his due date',
      bornAt30WeeksBoy,
      { kind: 'measurement', occurredOn: '2026-02-07', data: { quantity: 'weight', value: 1.6, position: null, measuredBy: null } },
      'Weight: 1.6 kg',
      ['Measured on 7 February 2026 (age 4 weeks).', 'No centile until your baby reaches their due date.'],
    ],
    [
      'a vaccine',
      termGirl,
      { kind: 'immunisation', occurredOn: '2026-03-07', data: { vaccine: 'dtap-ipv-hib-hepb', place: 'GP surgery', batch: 'AB123' } },
      '6-in-1',
      ['Given on 7 March 2026 (age 8 weeks).', 'Where: GP surgery.', 'Batch number: AB123.'],
    ],
    [
      'a blood spot test',
      termGirl,
      { kind: 'screening', occurredOn: '2026-01-15', data: { test: 'blood-spot', bloodSpot: { ...Object.fromEntries(bloodSpotCodes.map((code) => [code, 'not-suspected'])) }, by: 'Midwife', notes: 'Heel was sore.' } },
      'Blood spot (heel prick) test',
      ['Done on 15 January 2026 (age 5 days).', 'No condition suspected.', 'By Midwife.', 'Notes: Heel was sore.'],
    ],
    [
      'a checklist',
      termGirl,
      { kind: 'screening', occurredOn: '2026-02-21', data: { test: 'can-your-baby-hear', answers: { startles: 'yes' }, by: null, notes: null } },
      'Can your baby hear?',
      ['Answered on 21 February 2026 (age 6 weeks).', '1 of 6 questions answered.', 'No answers that need a check.'],
    ],
    [
      'a health review',
      termGirl,
      { kind: 'health-review', occurredOn: '2026-01-22', data: { review: 'new-baby', by: 'Health visitor', notes: null } },
      'New baby review (10 to 14 days)',
      ['Done on 22 January 2026 (age 12 days).', 'By Health visitor.'],
    ],
    [
      'a first, with notes',
      termGirl,
      { kind: 'first', occurredOn: '2026-02-25', data: { first: 'smiled', label: null, notes: 'At Grandma.' } },
      'First smile',
      ['On 25 February 2026 (age 6 weeks).', 'At Grandma.'],
    ],
    [
      'the family’s own first',
      termGirl,
      { kind: 'first', occurredOn: '2026-01-10', data: { first: 'own', label: 'Came home', notes: null } },
      'Came home',
      ['On 10 January 2026 (age 0 days).'],
    ],
  ] as const)('%s', (_case, child, entry, title, lines) => {
    expect(describeEntry(entry as unknown as Parameters<typeof describeEntry>[0], child)).toStrictEqual({ title, lines });
  });

  test('a date before birth (an old version of an entry) has no age', () => {
    expect(describeEntry({ kind: 'first', occurredOn: '2026-01-09', data: { first: 'smiled', label: null, notes: null } }, termGirl).lines).toEqual(['On 9 January 2026.']);
  });

  test('detailed lists every checklist answer', () => {
    const described = describeEntry({ kind: 'screening', occurredOn: '2026-02-21', data: { test: 'can-your-baby-hear', answers: { startles: 'no' }, by: null, notes: null } }, termGirl, true);
    expect(described.lines).toEqual([
      'Answered on 21 February 2026 (age 6 weeks).',
      'Does your baby jump or blink at a sudden loud noise, like a door banging? No.',
      '1 of 6 questions answered.',
      '1 answer needs a check with a health visitor or GP.',
    ]);
  });
});

describe('checkMeasurement (found while testing how measurements are described)', () => {
  // "Who measured" is counted in characters, not UTF-16 units: cutting at 100 units once stored half an
  // emoji (a lone surrogate), which PostgreSQL refuses in jsonb, so saving failed with a DatabaseError.
  test('a "measured by" of 100 characters ending in an emoji is kept whole', () => {
    const measuredBy = `${'A'.repeat(99)}👶`;
    expect([...measuredBy]).toHaveLength(100);
    const result = checkMeasurement({ quantity: 'weight', value: '4.6', ...dateFields('measuredOn', '2026-02-21'), measuredBy }, termGirl, today);
    expect(result).toMatchObject({ ok: true, data: { measuredBy } });
  });
});

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

describe('summariseRedBook', () => {
  const weight = (on: string, value: number) => makeEntry('measurement', on, { quantity: 'weight', value, position: null, measuredBy: null });
  const length = (on: string, value: number, position: 'lying' | 'standing' = 'lying') => makeEntry('measurement', on, { quantity: 'length', value, position, measuredBy: null });
  const head = (on: string, value: number) => makeEntry('measurement', on, { quantity: 'headCircumference', value, position: null, measuredBy: null });

  test('the latest of each measurement, newest by date, in the order weight, length, head', () => {
    const entries = [head('2026-02-21', 37.5), head('2026-03-01', 38.2), length('2026-04-01', 58), weight('2026-02-21', 4.6), weight('2026-04-01', 5.8), weight('2026-03-01', 5.0)];
    const summary = summariseRedBook(termGirl, entries, '2026-04-20');
    expect(summary.latestMeasurements.map((measurement) => [measurement.quantity, measurement.measuredOn, measurement.value])).toEqual([
      ['weight', '2026-04-01', 5.8],
      ['length', '2026-04-01', 58],
      ['headCircumference', '2026-03-01', 38.2],
    ]);
    expect(summary.measurements).toHaveLength(6);
  });

  test('a quantity never measured is left out', () => {
    expect(summariseRedBook(termGirl, [head('2026-02-21', 37.5)], '2026-04-20').latestMeasurements.map((measurement) => measurement.quantity)).toEqual(['headCircumference']);
    expect(summariseRedBook(termGirl, [], '2026-04-20').latestMeasurements).toEqual([]);
  });

  // The term girl is 730 days old on 10 January 2028.
  test.each([
    ['from day 730, with weight and length on the same date', '2028-01-10', '2028-01-10', 16.2],
    ['not on day 729', '2028-01-09', '2028-01-09', null],
    ['not when weight and length were measured on different dates', '2028-01-10', '2028-01-11', null],
  ])('BMI is listed last, %s', (_case, weighedOn, measuredOn, bmi) => {
    const summary = summariseRedBook(termGirl, [weight(weighedOn, 12), length(measuredOn, 86, 'standing')], '2028-01-20');
    const quantities = summary.latestMeasurements.map((measurement) => measurement.quantity);
    if (bmi === null) expect(quantities).toEqual(['weight', 'length']);
    else {
      expect(quantities).toEqual(['weight', 'length', 'bmi']);
      expect(summary.latestMeasurements[2]).toMatchObject({ value: bmi, unit: 'kg/m²', provenance: 'derived', entryId: null });
    }
  });

  test('screening, checklists, reviews and firsts are each given their own entries', () => {
    const bloodSpot = makeEntry('screening', '2026-01-15', screeningDataOf(bloodSpotForm));
    const see = makeEntry('screening', '2026-02-21', screeningDataOf(seeForm));
    const hear = makeEntry('screening', '2026-03-01', screeningDataOf(hearForm));
    const review = makeEntry('health-review', '2026-01-22', { review: 'new-baby', by: null, notes: null });
    const smiled = makeEntry('first', '2026-02-25', { first: 'smiled', label: null, notes: null });
    const vaccine = makeEntry('immunisation', '2026-03-07', { vaccine: 'dtap-ipv-hib-hepb', place: null, batch: null });
    const summary = summariseRedBook(termGirl, [bloodSpot, review, see, smiled, hear, vaccine, weight('2026-02-21', 4.6)], '2026-04-20');
    expect(summary.screening.find((item) => item.code === 'blood-spot')).toMatchObject({ status: 'recorded', latest: bloodSpot });
    expect(summary.screening.map((item) => item.code)).not.toContain('blood-spot-cht-repeat');
    expect(summary.checklists).toEqual([see, hear]);
    expect(summary.reviews.find((item) => item.code === 'new-baby')?.entry).toBe(review);
    expect(summary.firsts).toEqual([smiled]);
    expect(summary.measurements.map((measurement) => measurement.quantity)).toEqual(['weight']);
  });

  test.each([
    ['the term girl at 100 days', termGirl, { kind: 'term', ageInDays: 100 }],
    ['the boy born at 30 weeks at 100 days', bornAt30WeeksBoy, { kind: 'corrected', ageInDays: 100, correctedAgeInDays: 30, correctUntil: '2028-03-21' }],
  ])('age: %s', (_case, child, age) => {
    expect(summariseRedBook(child, [], '2026-04-20').age).toStrictEqual(age);
  });
});

// ---------------------------------------------------------------------------------------------
// Child details
// ---------------------------------------------------------------------------------------------

describe('child details', () => {
  test('the example NHS number passes the NHS number check', () => {
    expect(validateNhsNumber(exampleNhsNumber)).toEqual({ ok: true, value: '9434765919' });
  });

  test.each([
    ['the term girl (with an NHS number, hepatitis B programme only)', termGirl],
    ['the boy born at 30 weeks (no NHS number, BCG programme only)', bornAt30WeeksBoy],
    ['a child in both programmes', { ...termGirl, selectiveProgrammes: { bcg: true, hepb: true } }],
    ['a child in neither programme', { ...termGirl, selectiveProgrammes: { bcg: false, hepb: false } }],
    ['birth measurements with three decimals', { ...termGirl, birthWeightKg: 3.125, birthLengthCm: 49.75, birthHeadCircumferenceCm: 33 }],
  ])('%s: details to form values and back give the same details', (_case, details) => {
    expect(checkChildDetails(childDetailsToFormValues(details), today)).toStrictEqual({ ok: true, details });
  });
});

// ---------------------------------------------------------------------------------------------
// The red book file
// ---------------------------------------------------------------------------------------------

describe('checkRedBookFile', () => {
  const fileToday = '2026-11-25';
  const distinctive = 'Zebedee';

  const entryInFile = (kind: EntryKind, occurredOn: string, data: Record<string, unknown>): RedBookFileEntry => ({
    kind,
    occurredOn,
    data,
    provenance: 'parent-or-carer',
    createdAt: `${occurredOn}T12:00:00.000Z`,
    deletedAt: null,
    history: [{ version: 1, change: 'created', occurredOn, data, provenance: 'parent-or-carer', changedAt: `${occurredOn}T12:00:00.000Z` }],
  });

  /** The term girl's red book, as `exportRedBook` writes it: five entries (one of each kind, the first edited once) and a note. */
  const validFile: RedBookFile = {
    format: redBookFileFormat,
    exportedAt: '2026-11-25T10:00:00.000Z',
    record: { kind: 'child', name: distinctive, status: 'open', closedReason: null, closedOn: null, createdAt: '2026-01-11T09:00:00.000Z', details: { ...termGirl } },
    entries: [
      {
        ...entryInFile('measurement', '2026-02-21', { quantity: 'weight', value: 4.6, position: null, measuredBy: `${distinctive}’s grandmother` }),
        history: [
          { version: 1, change: 'created', occurredOn: '2026-02-21', data: { quantity: 'weight', value: 4.5, position: null, measuredBy: null }, provenance: 'parent-or-carer', changedAt: '2026-02-21T12:00:00.000Z' },
          { version: 2, change: 'edited', occurredOn: '2026-02-21', data: { quantity: 'weight', value: 4.6, position: null, measuredBy: `${distinctive}’s grandmother` }, provenance: 'parent-or-carer', changedAt: '2026-02-22T08:30:00.000Z' },
        ],
      },
      entryInFile('screening', '2026-01-15', { test: 'blood-spot', bloodSpot: Object.fromEntries(bloodSpotCodes.map((code) => [code, 'not-suspected'])), by: 'Midwife', notes: `${distinctive} was calm` }),
      entryInFile('health-review', '2026-01-22', { review: 'new-baby', by: 'Health visitor', notes: null }),
      entryInFile('first', '2026-02-25', { first: 'own', label: `${distinctive}’s first bath`, notes: null }),
      entryInFile('immunisation', '2026-03-07', { vaccine: 'dtap-ipv-hib-hepb', place: 'GP surgery', batch: 'AB123' }),
    ],
    notes: [{ text: `${distinctive} is teething`, createdAt: '2026-06-01T19:00:00.000Z' }],
  };

  /** The file as loose JSON, to break in ways the type would not allow. */
  type LooseEntry = Record<string, unknown> & { data: Record<string, unknown>; history: (Record<string, unknown> & { data: Record<string, unknown> })[] };
  type LooseFile = Record<string, unknown> & { record: Record<string, unknown> & { details: Record<string, unknown> }; entries: LooseEntry[]; notes: Record<string, unknown>[] };
  const edited = (change: (file: LooseFile) => void): unknown => {
    const file = structuredClone(validFile) as unknown as LooseFile;
    change(file);
    return file;
  };
  const entryAt = (file: LooseFile, index: number): LooseEntry => {
    const entry = file.entries[index];
    if (!entry) throw new Error(`no entry ${index}`);
    return entry;
  };
  /** Changes an entry's current data and every version of it alike, so the change is the only problem. */
  const setEverywhere = (entry: LooseEntry, field: string, value: unknown) => {
    entry.data[field] = value;
    for (const version of entry.history) version.data[field] = value;
  };
  const setDateEverywhere = (entry: LooseEntry, occurredOn: string) => {
    entry.occurredOn = occurredOn;
    for (const version of entry.history) version.occurredOn = occurredOn;
  };

  test('the hand-built file holds the distinctive text, so its absence from messages means something', () => {
    expect(JSON.stringify(validFile)).toContain(distinctive);
  });

  test('a valid file is accepted, with every detail, entry, version and note', () => {
    const result = checkRedBookFile(validFile, fileToday);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { file } = result;
    expect(file.name).toBe(distinctive);
    expect(file.details).toStrictEqual(termGirl);
    expect(file.closed).toBeNull();
    expect(file.entries.map((entry) => [entry.kind, entry.occurredOn, entry.provenance, entry.history.length])).toEqual([
      ['measurement', '2026-02-21', 'parent-or-carer', 2],
      ['screening', '2026-01-15', 'parent-or-carer', 1],
      ['health-review', '2026-01-22', 'parent-or-carer', 1],
      ['first', '2026-02-25', 'parent-or-carer', 1],
      ['immunisation', '2026-03-07', 'parent-or-carer', 1],
    ]);
    expect(file.entries.map((entry) => entry.data)).toStrictEqual(validFile.entries.map((entry) => entry.data));
    expect(file.entries[0]?.history.map((version) => [version.version, version.change, version.data.value, version.changedAt])).toEqual([
      [1, 'created', 4.5, '2026-02-21T12:00:00.000Z'],
      [2, 'edited', 4.6, '2026-02-22T08:30:00.000Z'],
    ]);
    expect(file.entries[0]?.createdAt).toEqual(new Date('2026-02-21T12:00:00.000Z'));
    expect(file.notes).toEqual([{ text: `${distinctive} is teething`, createdAt: new Date('2026-06-01T19:00:00.000Z') }]);
  });

  test.each([
    ['a closed record of a child who died', (file: LooseFile) => Object.assign(file.record, { status: 'closed', closedReason: 'child-died', closedOn: '2026-11-01' })],
    ['a deleted entry, with its deletion in its history', (file: LooseFile) => {
      const entry = entryAt(file, 2);
      entry.deletedAt = '2026-02-01T10:00:00.000Z';
      entry.history.push({ ...structuredClone(entry.history[0] ?? { data: {} }), version: 2, change: 'deleted', changedAt: '2026-02-01T10:00:00.000Z' });
    }],
    ['a weight of 15 kg at 10 weeks: very unusual, but it was confirmed when it was typed', (file: LooseFile) => {
      const entry = entryAt(file, 0);
      entry.history = entry.history.slice(1).map((version) => ({ ...version, version: 1, change: 'created' }));
      setDateEverywhere(entry, '2026-03-21');
      setEverywhere(entry, 'value', 15);
    }],
    ['a note of exactly 2,000 characters', (file: LooseFile) => Object.assign(file.notes[0] ?? {}, { text: 'n'.repeat(2000) })],
    ['an entry with 200 versions', (file: LooseFile) => {
      const entry = entryAt(file, 2);
      entry.history = Array.from({ length: 200 }, (_, index) => ({ ...structuredClone(entry.history[0] ?? { data: {} }), version: index + 1, change: index === 0 ? 'created' : 'edited' }));
    }],
    ['no entries and no notes', (file: LooseFile) => Object.assign(file, { entries: [], notes: [] })],
    ['a record from an older version of the form, with no selective programmes', (file: LooseFile) => delete file.record.details.selectiveProgrammes],
  ])('accepted: %s', (_case, change) => {
    const result = checkRedBookFile(edited(change), fileToday);
    expect(result).toMatchObject({ ok: true });
  });

  test('the 15 kg weight at 10 weeks is one the form would have asked to confirm', () => {
    expect(checkMeasurement({ quantity: 'weight', value: '15', ...dateFields('measuredOn', '2026-03-21') }, termGirl, fileToday)).toMatchObject({ ok: false, unusual: true });
  });

  test('a closed record keeps its closing date', () => {
    const result = checkRedBookFile(edited((file) => Object.assign(file.record, { status: 'closed', closedReason: 'child-died', closedOn: '2026-11-01' })), fileToday);
    expect(result).toMatchObject({ ok: true, file: { closed: { reason: 'child-died', on: '2026-11-01' } } });
  });

  test('fields a form could not have produced are dropped from entries', () => {
    const result = checkRedBookFile(edited((file) => setEverywhere(entryAt(file, 2), 'secret', 'x')), fileToday);
    expect(result.ok && result.file.entries[2]?.data).toStrictEqual({ review: 'new-baby', by: 'Health visitor', notes: null });
  });

  const notRedBook = 'The file must be a red book file downloaded from this service';
  const entryProblem = (number: number) => `Entry ${number} in the file cannot be read. Nothing has been added`;

  test.each([
    ['nothing', null],
    ['a list', []],
    ['text', distinctive],
    ['a number', 1],
  ])('refused: %s instead of a file', (_case, parsed) => {
    expect(checkRedBookFile(parsed, fileToday)).toStrictEqual({ ok: false, message: notRedBook });
  });

  test.each([
    // The file itself
    ['a newer format', (file: LooseFile) => Object.assign(file, { format: 'first-1001-days/red-book/2' }), notRedBook],
    ['no format', (file: LooseFile) => delete file.format, notRedBook],
    ['no record', (file: LooseFile) => delete (file as Record<string, unknown>).record, notRedBook],
    ['a pregnancy record', (file: LooseFile) => Object.assign(file.record, { kind: 'pregnancy' }), 'Only a child’s record can be added from a file'],
    // The name
    ['no name', (file: LooseFile) => delete file.record.name, 'The child’s name in the file cannot be read'],
    ['a blank name', (file: LooseFile) => Object.assign(file.record, { name: '   ' }), 'The child’s name in the file cannot be read'],
    ['a name with digits', (file: LooseFile) => Object.assign(file.record, { name: `${distinctive} 2` }), 'The child’s name in the file cannot be read'],
    ['a name of 61 characters', (file: LooseFile) => Object.assign(file.record, { name: `${distinctive}${'e'.repeat(54)}` }), 'The child’s name in the file cannot be read'],
    // The details
    ['no details', (file: LooseFile) => Object.assign(file.record, { details: null }), 'The child’s details in the file cannot be read. Check it is the file you downloaded'],
    ['a gestation of 21 weeks', (file: LooseFile) => Object.assign(file.record.details, { gestationAtBirth: { weeks: 21, days: 0 } }), 'The child’s details in the file cannot be read. Check it is the file you downloaded'],
    ['an NHS number with a wrong check digit', (file: LooseFile) => Object.assign(file.record.details, { nhsNumber: '9434765918' }), 'The child’s details in the file cannot be read. Check it is the file you downloaded'],
    ['a date of birth after today', (file: LooseFile) => Object.assign(file.record.details, { dateOfBirth: '2026-11-26' }), 'The child’s details in the file cannot be read. Check it is the file you downloaded'],
    ['a birth weight of 41 kg', (file: LooseFile) => Object.assign(file.record.details, { birthWeightKg: 41 }), 'The child’s details in the file cannot be read. Check it is the file you downloaded'],
    ['family history over 1,000 characters', (file: LooseFile) => Object.assign(file.record.details, { familyHistory: `${distinctive} ${'h'.repeat(1000)}` }), 'The child’s details in the file cannot be read. Check it is the file you downloaded'],
    // Open or closed
    ['a record closed because the baby was born', (file: LooseFile) => Object.assign(file.record, { status: 'closed', closedReason: 'born', closedOn: '2026-01-10' }), 'The record in the file cannot be read'],
    ['a record closed after a pregnancy loss', (file: LooseFile) => Object.assign(file.record, { status: 'closed', closedReason: 'pregnancy-loss', closedOn: '2026-01-10' }), 'The record in the file cannot be read'],
    ['a child who died, with no date', (file: LooseFile) => Object.assign(file.record, { status: 'closed', closedReason: 'child-died', closedOn: null }), 'The record in the file cannot be read'],
    ['a status that is neither open nor closed', (file: LooseFile) => Object.assign(file.record, { status: 'archived' }), 'The record in the file cannot be read'],
    // Lists
    ['entries that are not a list', (file: LooseFile) => Object.assign(file, { entries: {} }), 'The entries in the file cannot be read'],
    ['5,001 entries', (file: LooseFile) => Object.assign(file, { entries: Array.from({ length: 5001 }, () => ({})) }), 'The entries in the file cannot be read'],
    ['5,001 notes', (file: LooseFile) => Object.assign(file, { notes: Array.from({ length: 5001 }, () => ({})) }), 'The entries in the file cannot be read'],
    // Entries
    ['an entry of an unknown kind', (file: LooseFile) => Object.assign(entryAt(file, 0), { kind: 'growth' }), entryProblem(1)],
    ['an entry whose kind is an object’s own property name', (file: LooseFile) => Object.assign(entryAt(file, 0), { kind: 'toString' }), entryProblem(1)],
    ['an entry whose kind is __proto__', (file: LooseFile) => Object.assign(entryAt(file, 0), { kind: '__proto__' }), entryProblem(1)],
    ['a weight of 40.1 kg', (file: LooseFile) => setEverywhere(entryAt(file, 0), 'value', 40.1), entryProblem(1)],
    ['a weight of 0.29 kg', (file: LooseFile) => setEverywhere(entryAt(file, 0), 'value', 0.29), entryProblem(1)],
    ['an earlier version with a weight of 41 kg', (file: LooseFile) => Object.assign(entryAt(file, 0).history[0]?.data ?? {}, { value: 41 }), entryProblem(1)],
    ['a measurement dated after today', (file: LooseFile) => setDateEverywhere(entryAt(file, 0), '2026-11-26'), entryProblem(1)],
    ['a screening test dated before birth', (file: LooseFile) => setDateEverywhere(entryAt(file, 1), '2026-01-09'), entryProblem(2)],
    ['a date that is not a real date', (file: LooseFile) => setDateEverywhere(entryAt(file, 1), '2026-02-30'), entryProblem(2)],
    ['a carrier result for phenylketonuria', (file: LooseFile) => setEverywhere(entryAt(file, 1), 'bloodSpot', { ...entryAt(file, 1).data.bloodSpot as object, pku: 'carrier' }), entryProblem(2)],
    ['screening notes over 500 characters', (file: LooseFile) => setEverywhere(entryAt(file, 1), 'notes', `${distinctive} ${'n'.repeat(500)}`), entryProblem(2)],
    ['the antenatal contact in a child’s record', (file: LooseFile) => setEverywhere(entryAt(file, 2), 'review', 'antenatal'), entryProblem(3)],
    ['an empty history', (file: LooseFile) => Object.assign(entryAt(file, 2), { history: [] }), entryProblem(3)],
    ['no history', (file: LooseFile) => delete (entryAt(file, 2) as Record<string, unknown>).history, entryProblem(3)],
    ['201 versions', (file: LooseFile) => Object.assign(entryAt(file, 2), { history: Array.from({ length: 201 }, (_, index) => ({ ...entryAt(file, 2).history[0], version: index + 1 })) }), entryProblem(3)],
    ['versions out of order', (file: LooseFile) => entryAt(file, 0).history.reverse(), entryProblem(1)],
    ['versions counted from 0', (file: LooseFile) => entryAt(file, 0).history.forEach((version, index) => Object.assign(version, { version: index })), entryProblem(1)],
    ['a version with an unknown change', (file: LooseFile) => Object.assign(entryAt(file, 0).history[1] ?? {}, { change: 'renamed' }), entryProblem(1)],
    ['a version with no time', (file: LooseFile) => Object.assign(entryAt(file, 0).history[1] ?? {}, { changedAt: 'yesterday' }), entryProblem(1)],
    ['the family’s own first with no label', (file: LooseFile) => setEverywhere(entryAt(file, 3), 'label', null), entryProblem(4)],
    ['an unknown provenance', (file: LooseFile) => Object.assign(entryAt(file, 3), { provenance: 'hospital' }), entryProblem(4)],
    ['an entry with no time it was added', (file: LooseFile) => Object.assign(entryAt(file, 4), { createdAt: 'not a time' }), entryProblem(5)],
    ['an entry deleted at no readable time', (file: LooseFile) => Object.assign(entryAt(file, 4), { deletedAt: 'soon' }), entryProblem(5)],
    ['an entry that is not an object', (file: LooseFile) => file.entries.splice(4, 1, distinctive as unknown as LooseEntry), entryProblem(5)],
    // Notes
    ['a note over 2,000 characters', (file: LooseFile) => Object.assign(file.notes[0] ?? {}, { text: `${distinctive} ${'n'.repeat(2000)}` }), 'Note 1 in the file cannot be read. Nothing has been added'],
    ['an empty note', (file: LooseFile) => Object.assign(file.notes[0] ?? {}, { text: '  ' }), 'Note 1 in the file cannot be read. Nothing has been added'],
    ['a second note with no time', (file: LooseFile) => file.notes.push({ text: distinctive, createdAt: null }), 'Note 2 in the file cannot be read. Nothing has been added'],
  ])('refused: %s, with a message that repeats nothing from the file', (_case, change, message) => {
    const result = checkRedBookFile(edited(change), fileToday);
    expect(result).toStrictEqual({ ok: false, message });
    expect(result.ok || result.message).not.toContain(distinctive);
  });

  // A closing date must be a real day between the birth and today (a date like 2026-02-30 once reached
  // PostgreSQL and failed there, instead of being turned back with a message).
  test.each([
    ['a closing date that is not a real date', '2026-02-30'],
    ['a closing date after today', '2026-11-26'],
    ['a closing date before the date of birth', '2026-01-09'],
  ])('refused: a child who died, with %s (%s)', (_case, closedOn) => {
    const result = checkRedBookFile(edited((file) => Object.assign(file.record, { status: 'closed', closedReason: 'child-died', closedOn })), fileToday);
    expect(result.ok).toBe(false);
  });

  describe('values of the wrong type, and claims no form can make, are refused with a message, never an error', () => {
    test.each([
      ['"who measured" as a number', (file: LooseFile) => setEverywhere(entryAt(file, 0), 'measuredBy', 5)],
      ['a vaccine\'s place as a number', (file: LooseFile) => setEverywhere(file.entries.find((entry) => entry.kind === 'immunisation') ?? entryAt(file, 0), 'place', 5)],
      ['a place of birth as a number', (file: LooseFile) => Object.assign(file.record.details, { placeOfBirth: 5 })],
      ['an NHS number as a number', (file: LooseFile) => Object.assign(file.record.details, { nhsNumber: 9434765919 })],
      ['"imported from an NHS system", which only the service can say', (file: LooseFile) => {
        const entry = entryAt(file, 0);
        for (const version of [entry, ...entry.history]) Object.assign(version, { provenance: 'imported' });
      }],
      ['an entry that differs from its last version', (file: LooseFile) => Object.assign(entryAt(file, 0), { occurredOn: '2026-02-23' })],
      ['a change dated in the future', (file: LooseFile) => Object.assign(entryAt(file, 0).history.at(-1) ?? {}, { changedAt: '2027-01-01T00:00:00.000Z' })],
    ])('%s', (_case, change) => {
      let result: ReturnType<typeof checkRedBookFile> | undefined;
      expect(() => {
        result = checkRedBookFile(edited(change), fileToday);
      }).not.toThrow();
      expect(result?.ok).toBe(false);
    });
  });

  describe('files whose history does not add up are refused', () => {
    test.each([
      ['a first version that is not the one that created the entry', (history: { change: string }[]) => Object.assign(history[0] ?? {}, { change: 'edited' })],
      ['a deletion in the middle of the history', (history: { change: string }[]) => history.length > 1 && Object.assign(history[0] ?? {}, { change: 'deleted' })],
    ])('%s', (_case, change) => {
      const result = checkRedBookFile(
        edited((file) => {
          change(entryAt(file, 0).history as unknown as { change: string }[]);
        }),
        fileToday,
      );
      expect(result).toEqual({ ok: false, message: 'Entry 1 in the file cannot be read. Nothing has been added' });
    });

    test('a deleted entry without its deletion in its history is refused', () => {
      const result = checkRedBookFile(
        edited((file) => {
          entryAt(file, 2).deletedAt = '2026-02-01T10:00:00.000Z';
        }),
        fileToday,
      );
      expect(result).toEqual({ ok: false, message: 'Entry 3 in the file cannot be read. Nothing has been added' });
    });
  });
});

describe('assessMeasurements, two measurements on the same day', () => {
  test('the one entered last is the latest', () => {
    const first = { id: 'a', kind: 'measurement', occurredOn: '2026-02-21', data: { quantity: 'weight', value: 4.5, position: null, measuredBy: null }, provenance: 'parent-or-carer', createdByEmail: null, createdAt: new Date('2026-02-21T09:00:00Z'), updatedAt: null } as const;
    const second = { ...first, id: 'b', data: { ...first.data, value: 4.7 }, createdAt: new Date('2026-02-21T10:00:00Z') };
    expect(summariseRedBook(termGirl, [first, second], today).latestMeasurements.map((measurement) => measurement.value)).toEqual([4.7]);
  });
});
