/**
 * Measurements in the red book: weight, length or height, and head circumference, each with its
 * WHO centile from the growth engine (at corrected age while correction applies), BMI where a weight
 * and a length share a date, and the NICE NG75 faltering-growth prompt where the engine finds one.
 */
import { calculateAgeInDays } from '../child-age/index.ts';
import type { IsoDate } from '../dates/index.ts';
import { cleanFreeText, type FieldError } from '../forms.ts';
import { assessWeightTrajectory, calculateCentile, type CentileResult, type GrowthMeasurement, type MeasuringPosition } from '../growth/index.ts';
import type { ChildDetails } from './child-details.ts';
import { measurementLimits, readDecimal } from './child-details.ts';
import type { Entry } from './entries.ts';
import { readEntryDate } from './entry-date.ts';
import { dateToFormValues } from './entry-fields.ts';

/** What can be measured and entered (BMI is worked out, never typed). */
export type MeasuredQuantity = Exclude<GrowthMeasurement, 'bmi'>;

/** A measurement entry's own fields. */
export interface MeasurementData {
  readonly quantity: MeasuredQuantity;
  /** kg for weight, cm for length and head circumference. */
  readonly value: number;
  readonly position: MeasuringPosition | null;
  readonly measuredBy: string | null;
}

/** How each quantity reads, with its unit and limits. */
export const quantities: Readonly<Record<MeasuredQuantity, { readonly label: string; readonly unit: string; readonly min: number; readonly max: number; readonly example: string }>> = {
  weight: { label: 'Weight', unit: 'kg', ...measurementLimits.weightKg, example: '4.2' },
  length: { label: 'Length or height', unit: 'cm', ...measurementLimits.lengthCm, example: '55.5' },
  headCircumference: { label: 'Head circumference', unit: 'cm', ...measurementLimits.headCircumferenceCm, example: '38.2' },
};

/** A z-score beyond this asks the person to check the value before it is stored. */
export const unusualZ = 4;

/** The measurement form's fields. */
export type MeasurementField = 'quantity' | 'value' | 'measuredOn' | 'position' | 'measuredBy' | 'confirmUnusual';

/** The outcome of checking a measurement form. */
export type MeasurementCheck =
  | { readonly ok: true; readonly occurredOn: IsoDate; readonly data: MeasurementData }
  | { readonly ok: false; readonly errors: readonly FieldError<MeasurementField>[]; readonly unusual?: boolean };

/** Checks a measurement against the child's details and `today`. An unusual value needs `confirmUnusual` = "yes". */
export function checkMeasurement(input: Readonly<Record<string, string | null | undefined>>, child: ChildDetails, today: IsoDate): MeasurementCheck {
  const errors: FieldError<MeasurementField>[] = [];
  const quantity = input.quantity === 'weight' || input.quantity === 'length' || input.quantity === 'headCircumference' ? input.quantity : null;
  if (!quantity) errors.push({ field: 'quantity', message: 'Select what was measured' });

  const date = readEntryDate(input, 'measuredOn', 'it was measured', child.dateOfBirth, today);
  if (!date.ok) errors.push({ field: 'measuredOn', message: date.message });
  const measuredOn = date.ok ? date.date : null;

  let value: number | null = null;
  if (quantity) {
    const limits = quantities[quantity];
    const read = readDecimal(input.value);
    if (read === null) errors.push({ field: 'value', message: `Enter the ${limits.label.toLowerCase()} in ${limits.unit}` });
    else if (read === 'invalid') errors.push({ field: 'value', message: `${limits.label} must be a number, like ${limits.example}` });
    else if (read < limits.min || read > limits.max) errors.push({ field: 'value', message: `Enter a ${limits.label.toLowerCase()} between ${limits.min} ${limits.unit} and ${limits.max} ${limits.unit}` });
    else value = read;
  }

  const position = input.position === 'lying' || input.position === 'standing' ? input.position : null;
  if (quantity === 'length' && !position) errors.push({ field: 'position', message: 'Select whether your child was lying down or standing up' });
  // Counted in characters, like every other "who": an emoji is one character, never cut in half.
  const measuredBy = cleanFreeText(input.measuredBy).replace(/\s+/g, ' ') || null;
  if (measuredBy !== null && [...measuredBy].length > 100) errors.push({ field: 'measuredBy', message: 'Who measured must be 100 characters or fewer' });

  if (errors.length > 0 || !quantity || value === null || !measuredOn) return { ok: false, errors };
  const data: MeasurementData = { quantity, value, position: quantity === 'length' ? position : null, measuredBy };
  const centile = centileOf(child, measuredOn, data);
  if (centile.ok && Math.abs(centile.z) > unusualZ && input.confirmUnusual !== 'yes') {
    return {
      ok: false,
      unusual: true,
      errors: [{ field: 'confirmUnusual', message: `${value} ${quantities[quantity].unit} is very ${centile.z > 0 ? 'high' : 'low'} for a child of this age. Check it, then tick the box to save it` }],
    };
  }
  return { ok: true, occurredOn: measuredOn, data };
}

/** The centile of one measurement for this child. */
export function centileOf(child: ChildDetails, measuredOn: IsoDate, data: Pick<MeasurementData, 'quantity' | 'value' | 'position'> | { quantity: 'bmi'; value: number; position: null }): CentileResult {
  return calculateCentile({
    sex: child.sex,
    measurement: data.quantity,
    birthDate: child.dateOfBirth,
    measuredOn,
    value: data.value,
    gestationAtBirth: child.gestationAtBirth,
    ...(data.position ? { position: data.position } : {}),
  });
}

/** A measurement as shown: its centile, or why there is none. */
export interface AssessedMeasurement {
  readonly entryId: string | null;
  readonly measuredOn: IsoDate;
  readonly quantity: GrowthMeasurement;
  readonly value: number;
  readonly unit: string;
  readonly position: MeasuringPosition | null;
  readonly ageInDays: number;
  readonly centile: CentileResult;
  readonly provenance: Entry['provenance'] | 'derived';
}

/** The words for why a measurement has no centile. */
export const noCentileReasons: Readonly<Record<string, string>> = {
  'preterm-before-term': 'No centile until your baby reaches their due date',
  'age-beyond-tables': 'No centile after 5 years',
  'measured-before-birth': 'No centile: the date is before birth',
};

/** Reads measurement entries and works out every centile, BMI where weight and length share a date, and the weight prompt. */
export function assessMeasurements(child: ChildDetails, measurementEntries: readonly Entry[]): { readonly measurements: readonly AssessedMeasurement[]; readonly weightPrompt: string | null } {
  const measurements: AssessedMeasurement[] = [];
  for (const entry of measurementEntries) {
    const data = entry.data as unknown as MeasurementData;
    measurements.push({
      entryId: entry.id,
      measuredOn: entry.occurredOn,
      quantity: data.quantity,
      value: data.value,
      unit: quantities[data.quantity].unit,
      position: data.position,
      ageInDays: calculateAgeInDays(child.dateOfBirth, entry.occurredOn),
      centile: centileOf(child, entry.occurredOn, data),
      provenance: entry.provenance,
    });
  }
  // BMI = weight / (length in metres)^2, for dates with both; the WHO tables start BMI at birth but the red book charts it from age 2.
  for (const weight of measurements.filter((measurement) => measurement.quantity === 'weight')) {
    const length = measurements.find((measurement) => measurement.quantity === 'length' && measurement.measuredOn === weight.measuredOn);
    if (!length || weight.ageInDays < 730) continue;
    const bmi = Math.round((weight.value / (length.value / 100) ** 2) * 10) / 10;
    measurements.push({ ...weight, entryId: null, quantity: 'bmi', value: bmi, unit: 'kg/m²', position: null, centile: centileOf(child, weight.measuredOn, { quantity: 'bmi', value: bmi, position: null }), provenance: 'derived' });
  }
  // Newest first; on the same date, the one entered last first (entries arrive oldest first).
  const order = new Map(measurements.map((measurement, index) => [measurement, index]));
  measurements.sort((a, b) => (a.measuredOn < b.measuredOn ? 1 : a.measuredOn > b.measuredOn ? -1 : (order.get(b) ?? 0) - (order.get(a) ?? 0)));
  const weights = measurements.filter((measurement) => measurement.quantity === 'weight').map((measurement) => ({ measuredOn: measurement.measuredOn, weightKg: measurement.value }));
  const weightPrompt =
    child.birthWeightKg !== null && weights.length > 0
      ? assessWeightTrajectory({ sex: child.sex, birthDate: child.dateOfBirth, birthWeightKg: child.birthWeightKg, gestationAtBirth: child.gestationAtBirth, weights }).message
      : null;
  return { measurements, weightPrompt };
}

/** A centile as the red book writes it: "50th centile", "below the 0.4th centile", "above the 99.6th centile". */
export function describeCentile(result: CentileResult): string {
  if (!result.ok) return noCentileReasons[result.reason] ?? 'No centile';
  if (result.centile < 0.4) return 'Below the 0.4th centile';
  if (result.centile > 99.6) return 'Above the 99.6th centile';
  const rounded = Math.min(99, Math.max(1, Math.round(result.centile)));
  const suffix = rounded % 100 >= 11 && rounded % 100 <= 13 ? 'th' : rounded % 10 === 1 ? 'st' : rounded % 10 === 2 ? 'nd' : rounded % 10 === 3 ? 'rd' : 'th';
  return `${rounded}${suffix} centile${result.ageBasis === 'corrected' ? ' (corrected age)' : ''}`;
}

/** An age as the red book says it: days for the first 2 weeks, weeks to 13 weeks, then months (and years from 2). */
export function describeAge(ageInDays: number): string {
  const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? '' : 's'}`;
  if (ageInDays < 14) return plural(ageInDays, 'day');
  if (ageInDays < 91) return plural(Math.floor(ageInDays / 7), 'week');
  const months = Math.floor(ageInDays / 30.4375);
  if (months < 24) return plural(months, 'month');
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return rest === 0 ? plural(years, 'year') : `${plural(years, 'year')} ${plural(rest, 'month')}`;
}

/** A stored measurement's fields as form values, for changing it. */
export function measurementToFormValues(entry: Entry): Record<string, string> {
  const data = entry.data as unknown as MeasurementData;
  return { quantity: data.quantity, value: String(data.value), position: data.position ?? '', measuredBy: data.measuredBy ?? '', provenance: entry.provenance, ...dateToFormValues('measuredOn', entry.occurredOn) };
}
