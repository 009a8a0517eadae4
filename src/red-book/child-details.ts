/**
 * A child's details, as the red book's first pages hold them: date of birth, sex, NHS number,
 * gestation at birth, birth measurements, place of birth, important health problems and family
 * history. Checked here with NHS-style messages before anything is stored.
 */
import { isPlausibleGestation, type Gestation } from '../child-age/index.ts';
import { daysBetween, type IsoDate } from '../dates/index.ts';
import { cleanFreeText, type FieldError } from '../forms.ts';
import { formatNhsNumber, validateNhsNumber } from '../nhs-number/index.ts';
import { dateFieldsToParts, readDateParts } from '../content/stage-finder.ts';

/** A child's details as stored. */
export interface ChildDetails {
  readonly dateOfBirth: IsoDate;
  readonly sex: 'female' | 'male';
  readonly nhsNumber: string | null;
  readonly gestationAtBirth: Gestation;
  readonly birthWeightKg: number | null;
  readonly birthLengthCm: number | null;
  readonly birthHeadCircumferenceCm: number | null;
  readonly placeOfBirth: string | null;
  readonly healthProblems: string | null;
  readonly familyHistory: string | null;
  /** Selective vaccine programmes the child is in; off unless a family or clinician says so. */
  readonly selectiveProgrammes?: { readonly bcg: boolean; readonly hepb: boolean };
}

/** The form's fields. */
export type ChildDetailsField =
  | 'dateOfBirth'
  | 'sex'
  | 'nhsNumber'
  | 'gestationWeeks'
  | 'gestationDays'
  | 'birthWeightKg'
  | 'birthLengthCm'
  | 'birthHeadCircumferenceCm'
  | 'placeOfBirth'
  | 'healthProblems'
  | 'familyHistory';

/** What the form sent, as text. */
export type ChildDetailsInput = Readonly<Partial<Record<ChildDetailsField | 'dateOfBirth-day' | 'dateOfBirth-month' | 'dateOfBirth-year' | 'programme-bcg' | 'programme-hepb', string | null>>>;

/** The ranges a value must be in to be stored at all (the red book's own limits for a measurement). */
export const measurementLimits = {
  weightKg: { min: 0.3, max: 40 },
  lengthCm: { min: 30, max: 130 },
  headCircumferenceCm: { min: 20, max: 60 },
} as const;

/** The NHS number the form and its messages give as an example: NHS England's published sample, which passes the check digit test. */
export const exampleNhsNumber = '943 476 5919';

/** The longest free-text answer. */
export const maxDetailsTextLength = 1000;

/** Reads a decimal number typed by a person ("3.4", " 3,4 " is refused); null when left empty. */
export function readDecimal(raw: string | null | undefined): number | null | 'invalid' {
  const text = (raw ?? '').trim();
  if (text === '') return null;
  if (!/^\d{1,3}(\.\d{1,3})?$/.test(text)) return 'invalid';
  return Number(text);
}

function readText(raw: string | null | undefined, label: string, field: ChildDetailsField, errors: FieldError<ChildDetailsField>[]): string | null {
  const text = cleanFreeText(raw);
  if ([...text].length > maxDetailsTextLength) errors.push({ field, message: `${label} must be ${maxDetailsTextLength.toLocaleString('en-GB')} characters or fewer` });
  return text === '' ? null : text;
}

function readBirthMeasurement(
  raw: string | null | undefined,
  field: ChildDetailsField,
  label: string,
  unit: string,
  limits: { min: number; max: number },
  errors: FieldError<ChildDetailsField>[],
): number | null {
  const value = readDecimal(raw);
  if (value === 'invalid') {
    errors.push({ field, message: `${label} must be a number, like ${limits.min === 0.3 ? '3.4' : '50.5'}` });
    return null;
  }
  if (value !== null && (value < limits.min || value > limits.max)) {
    errors.push({ field, message: `Enter a ${label.toLowerCase()} between ${limits.min} ${unit} and ${limits.max} ${unit}` });
    return null;
  }
  return value;
}

/** Checks the child details form against `today`. Returns the details to store, or every problem found. */
export function checkChildDetails(input: ChildDetailsInput, today: IsoDate): { readonly ok: true; readonly details: ChildDetails } | { readonly ok: false; readonly errors: readonly FieldError<ChildDetailsField>[] } {
  const errors: FieldError<ChildDetailsField>[] = [];
  const born = readDateParts(dateFieldsToParts(input, 'dateOfBirth'), "your child's date of birth");
  let dateOfBirth: IsoDate | null = null;
  if (!born.ok) errors.push({ field: 'dateOfBirth', message: born.message });
  else if (born.date > today) errors.push({ field: 'dateOfBirth', message: 'Date of birth must be today or in the past' });
  else if (daysBetween(born.date, today) > 6 * 366) errors.push({ field: 'dateOfBirth', message: 'This record is for children up to 5 years old. Check the year of birth' });
  else dateOfBirth = born.date;

  const sex = input.sex === 'female' || input.sex === 'male' ? input.sex : null;
  if (!sex) errors.push({ field: 'sex', message: 'Select the sex your child was registered with at birth' });

  let nhsNumber: string | null = null;
  const rawNhs = (input.nhsNumber ?? '').trim();
  if (rawNhs !== '') {
    const check = validateNhsNumber(rawNhs);
    if (check.ok) nhsNumber = check.value;
    else errors.push({ field: 'nhsNumber', message: `Enter a valid NHS number, like ${exampleNhsNumber}. It is 10 digits long` });
  }

  const weeksText = (input.gestationWeeks ?? '').trim();
  const daysText = (input.gestationDays ?? '').trim() || '0';
  let gestationAtBirth: Gestation | null = null;
  if (weeksText === '') errors.push({ field: 'gestationWeeks', message: 'Enter how many weeks pregnant you were when your child was born. If you do not know, enter 40' });
  else if (!/^\d{1,2}$/.test(weeksText) || !/^\d$/.test(daysText)) errors.push({ field: 'gestationWeeks', message: 'Weeks and days must be whole numbers, like 38 weeks and 2 days' });
  else {
    const gestation = { weeks: Number(weeksText), days: Number(daysText) };
    if (!isPlausibleGestation(gestation)) errors.push({ field: 'gestationWeeks', message: 'Enter a gestation between 22 weeks and 44 weeks 6 days' });
    else gestationAtBirth = gestation;
  }

  const birthWeightKg = readBirthMeasurement(input.birthWeightKg, 'birthWeightKg', 'Birth weight', 'kg', measurementLimits.weightKg, errors);
  const birthLengthCm = readBirthMeasurement(input.birthLengthCm, 'birthLengthCm', 'Birth length', 'cm', measurementLimits.lengthCm, errors);
  const birthHeadCircumferenceCm = readBirthMeasurement(input.birthHeadCircumferenceCm, 'birthHeadCircumferenceCm', 'Head circumference at birth', 'cm', measurementLimits.headCircumferenceCm, errors);
  const placeOfBirth = readText(input.placeOfBirth, 'Place of birth', 'placeOfBirth', errors);
  const healthProblems = readText(input.healthProblems, 'Important health problems', 'healthProblems', errors);
  const familyHistory = readText(input.familyHistory, 'Family history', 'familyHistory', errors);

  if (errors.length > 0 || !dateOfBirth || !sex || !gestationAtBirth) return { ok: false, errors };
  return {
    ok: true,
    details: {
      dateOfBirth,
      sex,
      nhsNumber,
      gestationAtBirth,
      birthWeightKg,
      birthLengthCm,
      birthHeadCircumferenceCm,
      placeOfBirth,
      healthProblems,
      familyHistory,
      selectiveProgrammes: { bcg: input['programme-bcg'] === 'yes', hepb: input['programme-hepb'] === 'yes' },
    },
  };
}

/** Reads stored details back, or null for a child record whose details have not been given yet. */
export function readChildDetails(stored: unknown): ChildDetails | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const details = stored as Partial<ChildDetails>;
  return typeof details.dateOfBirth === 'string' && (details.sex === 'female' || details.sex === 'male') && details.gestationAtBirth ? (details as ChildDetails) : null;
}

/** Stored details as the details form's values, for changing them (and for checking imported details the same way). */
export function childDetailsToFormValues(details: ChildDetails): Record<string, string> {
  return {
    'dateOfBirth-day': String(Number(details.dateOfBirth.slice(8, 10))),
    'dateOfBirth-month': String(Number(details.dateOfBirth.slice(5, 7))),
    'dateOfBirth-year': details.dateOfBirth.slice(0, 4),
    sex: details.sex,
    nhsNumber: details.nhsNumber ? formatNhsNumber(details.nhsNumber) : '',
    gestationWeeks: String(details.gestationAtBirth.weeks),
    gestationDays: String(details.gestationAtBirth.days),
    birthWeightKg: details.birthWeightKg?.toString() ?? '',
    birthLengthCm: details.birthLengthCm?.toString() ?? '',
    birthHeadCircumferenceCm: details.birthHeadCircumferenceCm?.toString() ?? '',
    placeOfBirth: details.placeOfBirth ?? '',
    healthProblems: details.healthProblems ?? '',
    familyHistory: details.familyHistory ?? '',
    'programme-bcg': details.selectiveProgrammes?.bcg ? 'yes' : '',
    'programme-hepb': details.selectiveProgrammes?.hepb ? 'yes' : '',
  };
}
