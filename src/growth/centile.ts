/**
 * Growth centiles from the WHO Child Growth Standards, the standard the UK-WHO charts in the red
 * book use from 2 weeks to 4 years. Pure functions: the caller passes every date in.
 *
 * Sources: WHO Multicentre Growth Reference Study Group, WHO Child Growth Standards (2006, 2007),
 * LMS tables from the WHO `anthro` package (src/growth/data/PROVENANCE.md); z-score method and the
 * restricted z-score beyond +/-3 SD from WHO anthro `R/z-score-helper.R`; UK-WHO nine-centile format
 * from RCPCH "UK-WHO growth charts: fact sheets"; checked 2026-11-25.
 * Not a medical device: see docs/clinical-safety/intended-use.md.
 */
import { calculateAgeInDays, calculateCorrectedAge, isPlausibleGestation, selectDevelopmentalAgeInDays, type Gestation } from '../child-age/index.ts';
import { isIsoDate, type IsoDate } from '../dates/index.ts';
import { normalCumulative } from './normal-distribution.ts';
import { whoLmsTables } from './who-lms-tables.generated.ts';

/** Which measurement a value is. `length` is lying length to day 730 and standing height from day 731. */
export type GrowthMeasurement = 'weight' | 'length' | 'headCircumference' | 'bmi';

/** The sex the WHO tables are split by. */
export type GrowthSex = 'male' | 'female';

/** How a length or height was measured. */
export type MeasuringPosition = 'lying' | 'standing';

/** What `calculateCentile` needs. */
export interface CentileInput {
  readonly sex: GrowthSex;
  readonly measurement: GrowthMeasurement;
  readonly birthDate: IsoDate;
  readonly measuredOn: IsoDate;
  /** kg for weight, cm for length and head circumference, kg/m2 for BMI. */
  readonly value: number;
  readonly gestationAtBirth?: Gestation;
  readonly position?: MeasuringPosition;
}

/** Why no centile could be given. */
export type CentileRefusal =
  | 'invalid-date'
  | 'invalid-sex'
  | 'invalid-measurement'
  | 'invalid-gestation'
  | 'value-not-positive'
  | 'measured-before-birth'
  | 'preterm-before-term'
  | 'age-beyond-tables';

/** A centile, or the reason there is none. */
export type CentileResult =
  | {
      readonly ok: true;
      /** Chronological age on the day of measuring. */
      readonly ageInDays: number;
      /** The age the tables were read at: corrected while correction applies, otherwise the same as ageInDays. */
      readonly correctedAgeInDays: number;
      readonly ageBasis: 'chronological' | 'corrected';
      readonly z: number;
      /** 0 to 100. */
      readonly centile: number;
    }
  | { readonly ok: false; readonly reason: CentileRefusal };

/** The last day the WHO tables cover (5 years). */
export const lastTableDay = 1826;

/** Lying length is used up to this day; standing height from the next. Source: WHO anthro. */
export const lastLyingLengthDay = 730;

/** WHO adds 0.7 cm to a standing height before day 731 and takes 0.7 cm from a lying length after. */
export const lyingStandingDifferenceCm = 0.7;

const measurements: readonly GrowthMeasurement[] = ['weight', 'length', 'headCircumference', 'bmi'];

/** The LMS parameters for a measurement, sex and age in days (0 to 1826). */
export function getLmsParameters(measurement: GrowthMeasurement, sex: GrowthSex, ageInDays: number): { L: number; M: number; S: number } {
  const table = whoLmsTables[measurement][sex];
  const L = table.L[ageInDays];
  const M = table.M[ageInDays];
  const S = table.S[ageInDays];
  if (L === undefined || M === undefined || S === undefined) throw new RangeError('Age is outside the WHO tables');
  return { L, M, S };
}

/** z = ((X/M)^L - 1) / (L x S), or ln(X/M) / S when L is 0. */
export function calculateLmsZ(value: number, { L, M, S }: { L: number; M: number; S: number }): number {
  return L === 0 ? Math.log(value / M) / S : ((value / M) ** L - 1) / (L * S);
}

/** The measurement at a given z: X = M (1 + L S z)^(1/L), or M exp(S z) when L is 0. */
export function calculateLmsValue(z: number, { L, M, S }: { L: number; M: number; S: number }): number {
  return L === 0 ? M * Math.exp(S * z) : M * (1 + L * S * z) ** (1 / L);
}

/**
 * WHO's restricted z-score for weight-based indicators beyond +/-3 SD: the distance between the
 * 2 SD and 3 SD values is used as the unit, because the LMS curves stretch too far in the tails.
 */
export function calculateRestrictedZ(value: number, lms: { L: number; M: number; S: number }): number {
  const z = calculateLmsZ(value, lms);
  if (z > 3) {
    const sd3 = calculateLmsValue(3, lms);
    return 3 + (value - sd3) / (sd3 - calculateLmsValue(2, lms));
  }
  if (z < -3) {
    const sd3 = calculateLmsValue(-3, lms);
    return -3 + (value - sd3) / (calculateLmsValue(-2, lms) - sd3);
  }
  return z;
}

/** Works out the z-score and centile of one measurement. */
export function calculateCentile(input: CentileInput): CentileResult {
  if (!isIsoDate(input.birthDate) || !isIsoDate(input.measuredOn)) return { ok: false, reason: 'invalid-date' };
  if (input.sex !== 'male' && input.sex !== 'female') return { ok: false, reason: 'invalid-sex' };
  if (!measurements.includes(input.measurement)) return { ok: false, reason: 'invalid-measurement' };
  if (!Number.isFinite(input.value) || input.value <= 0) return { ok: false, reason: 'value-not-positive' };
  if (input.gestationAtBirth && !isPlausibleGestation(input.gestationAtBirth)) return { ok: false, reason: 'invalid-gestation' };

  const ageInDays = calculateAgeInDays(input.birthDate, input.measuredOn);
  if (ageInDays < 0) return { ok: false, reason: 'measured-before-birth' };
  let tableAge = ageInDays;
  let ageBasis: 'chronological' | 'corrected' = 'chronological';
  if (input.gestationAtBirth) {
    const age = calculateCorrectedAge(input.birthDate, input.gestationAtBirth, input.measuredOn);
    const developmental = selectDevelopmentalAgeInDays(age);
    if (developmental === null) return { ok: false, reason: 'preterm-before-term' };
    tableAge = developmental;
    ageBasis = age.kind === 'corrected' ? 'corrected' : 'chronological';
  }
  if (tableAge > lastTableDay) return { ok: false, reason: 'age-beyond-tables' };

  let value = input.value;
  if (input.measurement === 'length') {
    const position = input.position ?? (tableAge <= lastLyingLengthDay ? 'lying' : 'standing');
    if (tableAge <= lastLyingLengthDay && position === 'standing') value += lyingStandingDifferenceCm;
    if (tableAge > lastLyingLengthDay && position === 'lying') value -= lyingStandingDifferenceCm;
  }

  const lms = getLmsParameters(input.measurement, input.sex, tableAge);
  const weightBased = input.measurement === 'weight' || input.measurement === 'bmi';
  const z = weightBased ? calculateRestrictedZ(value, lms) : calculateLmsZ(value, lms);
  return { ok: true, ageInDays, correctedAgeInDays: tableAge, ageBasis, z, centile: normalCumulative(z) * 100 };
}

/** A centile line on the UK-WHO charts: nine lines two-thirds of a standard deviation apart. */
export interface CentileLine {
  readonly label: string;
  readonly z: number;
}

/** The nine UK-WHO chart centiles, 0.4th to 99.6th (z = -8/3 to +8/3 in steps of 2/3). */
export const ukWhoCentileLines: readonly CentileLine[] = [
  { label: '0.4th', z: -8 / 3 },
  { label: '2nd', z: -2 },
  { label: '9th', z: -4 / 3 },
  { label: '25th', z: -2 / 3 },
  { label: '50th', z: 0 },
  { label: '75th', z: 2 / 3 },
  { label: '91st', z: 4 / 3 },
  { label: '98th', z: 2 },
  { label: '99.6th', z: 8 / 3 },
];

/** One centile space on the UK-WHO charts, in standard deviations. */
export const centileSpaceZ = 2 / 3;

/** The values of every chart centile line at one age, for drawing a growth chart. */
export function calculateCentileLineValues(measurement: GrowthMeasurement, sex: GrowthSex, ageInDays: number): { label: string; value: number }[] {
  const lms = getLmsParameters(measurement, sex, ageInDays);
  return ukWhoCentileLines.map((line) => ({ label: line.label, value: calculateLmsValue(line.z, lms) }));
}
