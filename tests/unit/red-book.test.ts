/** The red book's forms and calculations: child details, measurements with centiles, immunisations. */
import { describe, expect, test } from 'vitest';
import { checkChildDetails, type ChildDetails } from '../../src/red-book/child-details.ts';
import { assessMeasurements, checkMeasurement, describeAge, describeCentile } from '../../src/red-book/measurements.ts';
import { checkImmunisationGiven } from '../../src/red-book/immunisations.ts';
import { checkPregnancyDetails, listPregnancyDueItems } from '../../src/red-book/pregnancy.ts';
import { checkBirth } from '../../src/red-book/outcomes.ts';
import type { Entry } from '../../src/red-book/entries.ts';

const today = '2026-11-25';
const dob = { 'dateOfBirth-day': '1', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2026' };
const validDetails = { ...dob, sex: 'female', gestationWeeks: '40', gestationDays: '0', birthWeightKg: '3.4' };

const termGirl: ChildDetails = {
  dateOfBirth: '2026-09-01',
  sex: 'female',
  nhsNumber: null,
  gestationAtBirth: { weeks: 40, days: 0 },
  birthWeightKg: 3.4,
  birthLengthCm: null,
  birthHeadCircumferenceCm: null,
  placeOfBirth: null,
  healthProblems: null,
  familyHistory: null,
};
const bornAt30Weeks: ChildDetails = { ...termGirl, dateOfBirth: '2026-08-01', gestationAtBirth: { weeks: 30, days: 0 }, birthWeightKg: 1.4 };

const entry = (occurredOn: string, data: Record<string, unknown>): Entry => ({
  id: crypto.randomUUID(),
  kind: 'measurement',
  occurredOn,
  data,
  provenance: 'parent-or-carer',
  createdByEmail: null,
  createdAt: new Date(),
  updatedAt: null,
});

describe('child details', () => {
  test('a complete form is stored with numbers and a clean NHS number', () => {
    const result = checkChildDetails({ ...validDetails, nhsNumber: '943 476 5919' }, today);
    expect(result).toMatchObject({ ok: true, details: { dateOfBirth: '2026-09-01', sex: 'female', nhsNumber: '9434765919', gestationAtBirth: { weeks: 40, days: 0 }, birthWeightKg: 3.4 } });
  });

  test.each([
    [{ ...validDetails, 'dateOfBirth-day': '' , 'dateOfBirth-month': '', 'dateOfBirth-year': '' }, 'dateOfBirth', "Enter your child's date of birth"],
    [{ ...validDetails, 'dateOfBirth-day': '26', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026' }, 'dateOfBirth', 'Date of birth must be today or in the past'],
    [{ ...validDetails, sex: 'x' }, 'sex', 'Select the sex your child was registered with at birth'],
    [{ ...validDetails, nhsNumber: '943 476 5918' }, 'nhsNumber', 'Enter a valid NHS number, like 943 476 5919. It is 10 digits long'],
    [{ ...validDetails, gestationWeeks: '21' }, 'gestationWeeks', 'Enter a gestation between 22 weeks and 44 weeks 6 days'],
    [{ ...validDetails, gestationWeeks: '' }, 'gestationWeeks', 'Enter how many weeks pregnant you were when your child was born. If you do not know, enter 40'],
    [{ ...validDetails, birthWeightKg: '0.29' }, 'birthWeightKg', 'Enter a birth weight between 0.3 kg and 40 kg'],
    [{ ...validDetails, birthWeightKg: '3,4' }, 'birthWeightKg', 'Birth weight must be a number, like 3.4'],
    [{ ...validDetails, birthLengthCm: '131' }, 'birthLengthCm', 'Enter a birth length between 30 cm and 130 cm'],
    [{ ...validDetails, familyHistory: 'x'.repeat(1001) }, 'familyHistory', 'Family history must be 1,000 characters or fewer'],
  ])('%o is refused at %s', (input, field, message) => {
    const result = checkChildDetails(input, today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ field, message });
  });

  test('today is accepted as a date of birth, and weights at the limits are accepted', () => {
    expect(checkChildDetails({ ...validDetails, 'dateOfBirth-day': '25', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026', birthWeightKg: '0.3' }, today).ok).toBe(true);
    expect(checkChildDetails({ ...validDetails, birthWeightKg: '40' }, today).ok).toBe(true);
  });
});

describe('measurements', () => {
  const form = { quantity: 'weight', value: '5.6', 'measuredOn-day': '1', 'measuredOn-month': '11', 'measuredOn-year': '2026' };

  test.each([
    [{ ...form, value: '' }, 'value', 'Enter the weight in kg'],
    [{ ...form, value: '0.29' }, 'value', 'Enter a weight between 0.3 kg and 40 kg'],
    [{ ...form, value: '40.1' }, 'value', 'Enter a weight between 0.3 kg and 40 kg'],
    [{ ...form, quantity: 'length', value: '29.9', position: 'lying' }, 'value', 'Enter a length or height between 30 cm and 130 cm'],
    [{ ...form, quantity: 'headCircumference', value: '60.5' }, 'value', 'Enter a head circumference between 20 cm and 60 cm'],
    [{ ...form, quantity: 'length', value: '55' }, 'position', 'Select whether your child was lying down or standing up'],
    [{ ...form, 'measuredOn-day': '26', 'measuredOn-month': '11' }, 'measuredOn', 'The date it was measured must be today or in the past'],
    [{ ...form, 'measuredOn-day': '31', 'measuredOn-month': '8' }, 'measuredOn', 'The date it was measured must be on or after the date of birth'],
    [{ ...form, quantity: 'bmi' }, 'quantity', 'Select what was measured'],
  ])('%o is refused at %s', (input, field, message) => {
    const result = checkMeasurement(input, termGirl, today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ field, message });
  });

  test('an unusual value asks for confirmation instead of being stored, and is stored once confirmed', () => {
    const unusual = { ...form, value: '12' };
    expect(checkMeasurement(unusual, termGirl, today)).toMatchObject({ ok: false, unusual: true, errors: [{ field: 'confirmUnusual', message: expect.stringMatching(/^12 kg is very high for a child of this age/) }] });
    expect(checkMeasurement({ ...unusual, confirmUnusual: 'yes' }, termGirl, today).ok).toBe(true);
  });

  test('a baby born at 30 weeks gets centiles at corrected age, and none before their due date', () => {
    const { measurements } = assessMeasurements(bornAt30Weeks, [entry('2026-09-01', { quantity: 'weight', value: 2.0, position: null }), entry('2026-11-20', { quantity: 'weight', value: 4.6, position: null })]);
    const [latest, early] = measurements;
    expect(describeCentile(early?.centile ?? { ok: false, reason: 'invalid-date' })).toBe('No centile until your baby reaches their due date');
    expect(latest?.centile).toMatchObject({ ok: true, ageBasis: 'corrected', ageInDays: 111, correctedAgeInDays: 41 });
    expect(describeCentile(latest?.centile ?? { ok: false, reason: 'invalid-date' })).toMatch(/centile \(corrected age\)$/);
  });

  test('BMI is worked out only from age 2, where a weight and a length share a date', () => {
    const twoYearOld: ChildDetails = { ...termGirl, dateOfBirth: '2024-11-01' };
    const { measurements } = assessMeasurements(twoYearOld, [
      entry('2026-11-01', { quantity: 'weight', value: 12, position: null }),
      entry('2026-11-01', { quantity: 'length', value: 86, position: 'standing' }),
      entry('2026-10-31', { quantity: 'weight', value: 12, position: null }),
      entry('2026-10-31', { quantity: 'length', value: 86, position: 'standing' }),
    ]);
    const bmis = measurements.filter((measurement) => measurement.quantity === 'bmi');
    expect(bmis.map((bmi) => [bmi.measuredOn, bmi.value, bmi.provenance])).toEqual([['2026-11-01', 16.2, 'derived']]);
  });

  test('the faltering-growth prompt appears when a baby has lost more than 10% of birth weight', () => {
    const { weightPrompt } = assessMeasurements(termGirl, [entry('2026-09-04', { quantity: 'weight', value: 3.0, position: null })]);
    expect(weightPrompt).not.toBeNull();
    expect(assessMeasurements(termGirl, [entry('2026-09-04', { quantity: 'weight', value: 3.3, position: null })]).weightPrompt).toBeNull();
  });

  test.each([
    [{ ok: true, centile: 50.4, z: 0, ageInDays: 1, correctedAgeInDays: 1, ageBasis: 'chronological' }, '50th centile'],
    [{ ok: true, centile: 0.45, z: -2.6, ageInDays: 1, correctedAgeInDays: 1, ageBasis: 'chronological' }, '1st centile'],
    [{ ok: true, centile: 0.39, z: -2.7, ageInDays: 1, correctedAgeInDays: 1, ageBasis: 'chronological' }, 'Below the 0.4th centile'],
    [{ ok: true, centile: 99.61, z: 2.7, ageInDays: 1, correctedAgeInDays: 1, ageBasis: 'chronological' }, 'Above the 99.6th centile'],
    [{ ok: true, centile: 22, z: -0.8, ageInDays: 1, correctedAgeInDays: 1, ageBasis: 'corrected' }, '22nd centile (corrected age)'],
    [{ ok: true, centile: 12.2, z: -1.2, ageInDays: 1, correctedAgeInDays: 1, ageBasis: 'chronological' }, '12th centile'],
  ] as const)('%o reads as %s', (result, text) => {
    expect(describeCentile(result)).toBe(text);
  });
});

describe('immunisations given', () => {
  const form = { vaccine: 'menb', 'givenOn-day': '27', 'givenOn-month': '10', 'givenOn-year': '2026', place: 'GP surgery', batch: 'AB12-3' };
  test('a dose is stored with its date, place and batch', () => {
    expect(checkImmunisationGiven(form, termGirl, today)).toEqual({ ok: true, occurredOn: '2026-10-27', data: { vaccine: 'menb', place: 'GP surgery', batch: 'AB12-3' } });
  });
  test.each([
    [{ ...form, vaccine: 'covid' }, 'vaccine', 'Select which vaccine was given'],
    [{ ...form, 'givenOn-day': '26', 'givenOn-month': '11' }, 'givenOn', 'The date it was given must be today or in the past'],
    [{ ...form, 'givenOn-month': '8' }, 'givenOn', 'The date it was given must be on or after the date of birth'],
    [{ ...form, batch: '<script>' }, 'batch', 'Batch number must only include letters, numbers, spaces, hyphens, full stops and slashes, up to 30 characters'],
  ])('%o is refused at %s', (input, field, message) => {
    const result = checkImmunisationGiven(input, termGirl, today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ field, message });
  });
});

describe('describeAge', () => {
  test.each([
    [0, '0 days'],
    [1, '1 day'],
    [13, '13 days'],
    [14, '2 weeks'],
    [90, '12 weeks'],
    [91, '2 months'],
    [730, '23 months'],
    [731, '2 years'],
    [1000, '2 years 8 months'],
  ])('%i days reads as %s', (days, text) => {
    expect(describeAge(days)).toBe(text);
  });
});

describe('pregnancy', () => {
  test.each([
    [{ 'dueDate-day': '20', 'dueDate-month': '12', 'dueDate-year': '2026' }, { ok: true, details: { dueDate: '2026-12-20' } }],
    // 280 days after the first day of the last period.
    [{ 'lastPeriod-day': '15', 'lastPeriod-month': '3', 'lastPeriod-year': '2026' }, { ok: true, details: { dueDate: '2026-12-20' } }],
    [{}, { ok: false, errors: [{ field: 'dueDate', message: 'Enter your due date, or the first day of your last period' }] }],
    [{ 'dueDate-day': '10', 'dueDate-month': '11', 'dueDate-year': '2026' }, { ok: false, errors: [{ field: 'dueDate', message: 'Your due date must be no more than 2 weeks ago. If your baby has been born, tell us on the record page' }] }],
    [{ 'dueDate-day': '11', 'dueDate-month': '11', 'dueDate-year': '2026' }, { ok: true, details: { dueDate: '2026-11-11' } }],
    // 280 days from today is 1 September 2027: the last due date accepted.
    [{ 'dueDate-day': '1', 'dueDate-month': '9', 'dueDate-year': '2027' }, { ok: true, details: { dueDate: '2027-09-01' } }],
    [{ 'dueDate-day': '2', 'dueDate-month': '9', 'dueDate-year': '2027' }, { ok: false, errors: [{ field: 'dueDate', message: 'Your due date must be within the next 40 weeks' }] }],
    [{ 'lastPeriod-day': '26', 'lastPeriod-month': '11', 'lastPeriod-year': '2026' }, { ok: false, errors: [{ field: 'lastPeriod', message: 'The first day of your last period must be today or in the past' }] }],
  ])('%o → %o', (input, expected) => {
    expect(checkPregnancyDetails(input, today)).toEqual(expected);
  });

  test.each([
    // Due 20 December 2026: the last period started 15 March 2026; 16 weeks is 5 July, 28 weeks is 27 September.
    ['2026-07-04', 'whooping-cough-vaccine', 'not yet due'],
    ['2026-07-05', 'whooping-cough-vaccine', 'due'],
    ['2026-09-26', 'rsv-vaccine', 'not yet due'],
    ['2026-09-27', 'rsv-vaccine', 'due'],
    ['2026-09-27', 'antenatal-contact', 'due'],
  ] as const)('on %s the %s is %s', (on, code, status) => {
    expect(listPregnancyDueItems({ dueDate: '2026-12-20' }, on).find((item) => item.code === code)?.status).toBe(status);
  });

  test('the flu vaccine is listed in flu season only, and the antenatal contact goes once it is done', () => {
    expect(listPregnancyDueItems({ dueDate: '2026-12-20' }, '2026-08-31').some((item) => item.code === 'flu-vaccine')).toBe(false);
    expect(listPregnancyDueItems({ dueDate: '2026-12-20' }, '2026-09-01').some((item) => item.code === 'flu-vaccine')).toBe(true);
    expect(listPregnancyDueItems({ dueDate: '2026-12-20' }, '2026-10-01', { antenatalContactOn: '2026-09-30' }).some((item) => item.code === 'antenatal-contact')).toBe(false);
  });

  const birth = { 'dateOfBirth-day': '20', 'dateOfBirth-month': '11', 'dateOfBirth-year': '2026', babies: '2', 'baby1-name': 'Ada', 'baby1-sex': 'female', 'baby2-name': 'Ben', 'baby2-sex': 'male' };
  test('gestation at birth is worked out from the due date, unless it is given', () => {
    expect(checkBirth(birth, '2026-12-20', today)).toEqual({ ok: true, dateOfBirth: '2026-11-20', gestation: { weeks: 35, days: 5 }, babies: [{ name: 'Ada', sex: 'female' }, { name: 'Ben', sex: 'male' }] });
    expect(checkBirth({ ...birth, gestationWeeks: '36', gestationDays: '1' }, '2026-12-20', today)).toMatchObject({ ok: true, gestation: { weeks: 36, days: 1 } });
  });
  test.each([
    [{ ...birth, 'baby2-name': '' }, 'baby2-name', 'Enter a name for baby 2'],
    [{ ...birth, 'baby1-sex': '' }, 'baby1-sex', 'Select the sex of baby 1'],
    [{ ...birth, 'dateOfBirth-day': '26' }, 'dateOfBirth', 'The date of birth must be today or in the past'],
    [{ ...birth, gestationWeeks: '50' }, 'gestationWeeks', 'Enter a gestation between 22 weeks and 44 weeks 6 days'],
  ])('%o is refused at %s', (input, field, message) => {
    const result = checkBirth(input, '2026-12-20', today);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ field, message });
  });
});
