/**
 * A child's age: whole days from the date of birth, months by the WHO convention, calendar
 * anniversaries, and corrected age for babies born early.
 */
import { addCalendarMonths, addDays, daysBetween, type IsoDate } from '../dates/index.ts';

/**
 * The average month in days (365.25 / 12), used by WHO to turn months into days.
 * Source: WHO anthro `ANTHRO_DAYS_OF_MONTH` (see src/growth/data/PROVENANCE.md).
 */
export const daysPerMonth = 30.4375;

/** The first day of age at which a child is "month M" old: round(M x 30.4375). The one place this rule lives. */
export function monthToStartDay(month: number): number {
  return Math.round(month * daysPerMonth);
}

/** Completed months for an age in days: the largest M whose start day is on or before it. */
export function ageInDaysToCompletedMonths(ageInDays: number): number {
  if (ageInDays < 0) return -1;
  let month = Math.floor(ageInDays / daysPerMonth);
  while (monthToStartDay(month + 1) <= ageInDays) month += 1;
  while (month > 0 && monthToStartDay(month) > ageInDays) month -= 1;
  return month;
}

/** Whole days from birth to `on` (0 on the day of birth; negative before it). */
export function calculateAgeInDays(dateOfBirth: IsoDate, on: IsoDate): number {
  return daysBetween(dateOfBirth, on);
}

/** The date a child reaches an age of `months` calendar months (12 = first birthday). */
export function calculateAnniversary(dateOfBirth: IsoDate, months: number): IsoDate {
  return addCalendarMonths(dateOfBirth, months);
}

/** Gestation at birth in completed weeks and days, such as 34+2. */
export interface Gestation {
  readonly weeks: number;
  readonly days: number;
}

/** Term is 40+0 weeks: 280 days from the first day of the last period. */
export const termInDays = 280;

/** Babies born before 37+0 weeks (259 days) are preterm. Source: RCPCH UK-WHO charts (CHILD-HEALTH-FACTS.md §5). */
export const pretermBeforeDays = 37 * 7;

/** Gestation in days: weeks x 7 + days. */
export function gestationToDays(gestation: Gestation): number {
  return gestation.weeks * 7 + gestation.days;
}

/** True when `gestation` is a possible gestation at birth: 22+0 to 44+6 weeks, days 0 to 6. */
export function isPlausibleGestation(gestation: Gestation): boolean {
  return (
    Number.isInteger(gestation.weeks) &&
    Number.isInteger(gestation.days) &&
    gestation.days >= 0 &&
    gestation.days <= 6 &&
    gestation.weeks >= 22 &&
    gestation.weeks <= 44
  );
}

/** True for a baby born before 37+0 weeks. */
export function isPreterm(gestation: Gestation): boolean {
  return gestationToDays(gestation) < pretermBeforeDays;
}

/** A baby's age for growth and development, corrected for being born early where that applies. */
export type CorrectedAge =
  /** Born at 37+0 weeks or later: no correction. */
  | { readonly kind: 'term'; readonly ageInDays: number }
  /** Born early and not yet at 40+0 weeks corrected: a state of its own, not an error. */
  | { readonly kind: 'born-early-not-yet-due'; readonly ageInDays: number; readonly correctedAgeInDays: number; readonly daysUntilDueDate: number }
  /** Born early and corrected age is in use. */
  | { readonly kind: 'corrected'; readonly ageInDays: number; readonly correctedAgeInDays: number; readonly correctUntil: IsoDate }
  /** Born early, but old enough that correction has stopped. */
  | { readonly kind: 'correction-ended'; readonly ageInDays: number; readonly correctedAgeInDays: number };

/**
 * Corrected age = age in days - (280 - gestation at birth in days), for babies born before 37+0.
 * The paper UK-WHO convention corrects until 1 year corrected age for babies born at 32+0 to 36+6
 * weeks, and until 2 years corrected age for babies born at 31+6 weeks or earlier. Those limits are
 * calendar anniversaries of the date the baby was due.
 * Source: rcpch/digital-growth-charts-documentation docs/clinician/date-age-calculations.md, and
 * rcpch/digital-growth-charts-server issue #64 (the cut-off is on corrected age); checked 2026-11-25.
 */
export function calculateCorrectedAge(dateOfBirth: IsoDate, gestation: Gestation, on: IsoDate): CorrectedAge {
  const ageInDays = calculateAgeInDays(dateOfBirth, on);
  const gestationDays = gestationToDays(gestation);
  if (gestationDays >= pretermBeforeDays) return { kind: 'term', ageInDays };
  const daysEarly = termInDays - gestationDays;
  const correctedAgeInDays = ageInDays - daysEarly;
  if (correctedAgeInDays < 0) return { kind: 'born-early-not-yet-due', ageInDays, correctedAgeInDays, daysUntilDueDate: -correctedAgeInDays };
  const dueDate = addDays(dateOfBirth, daysEarly);
  const correctUntil = calculateAnniversary(dueDate, gestationDays < 32 * 7 ? 24 : 12);
  if (on >= correctUntil) return { kind: 'correction-ended', ageInDays, correctedAgeInDays };
  return { kind: 'corrected', ageInDays, correctedAgeInDays, correctUntil };
}

/** The age in days to use for growth and development: corrected while correction applies, or null before the due date. */
export function selectDevelopmentalAgeInDays(age: CorrectedAge): number | null {
  switch (age.kind) {
    case 'term':
    case 'correction-ended':
      return age.ageInDays;
    case 'corrected':
      return age.correctedAgeInDays;
    case 'born-early-not-yet-due':
      return null;
  }
}
