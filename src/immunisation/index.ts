/**
 * The immunisation engine: which vaccines a child is offered in England, when, and where each one
 * stands today. Immunisations always follow chronological age, never corrected age.
 * The schedule itself is data, with sources, in `schedule-data.ts`.
 */
import { calculateAnniversary } from '../child-age/index.ts';
import { addDays, isIsoDate, laterDate, parseIsoDate, type IsoDate } from '../dates/index.ts';
import {
  fluNasalProgramme,
  minimumIntervalDays,
  overdueAfterDays,
  planEndsAtMonths,
  scheduleRules,
  type Age,
  type Appointment,
  type Cohort,
  type ScheduleRule,
  type SourceId,
  type VaccineCode,
} from './schedule-data.ts';

export { scheduleRules, scheduleSources, scheduleVersion, overdueAfterDays, minimumIntervalDays } from './schedule-data.ts';
export type { VaccineCode, Appointment, SourceId } from './schedule-data.ts';

/** Selective and seasonal programmes a child is in; all off unless a carer or clinician says so. */
export interface ImmunisationEligibility {
  /** BCG at about 28 days, for babies at higher risk of tuberculosis. */
  readonly bcg?: boolean;
  /** Hepatitis B at birth and 4 weeks, for babies of mothers with hepatitis B. */
  readonly hepb?: boolean;
  /** The annual nasal flu vaccine from age 2. */
  readonly fluNasal?: boolean;
}

/** One dose in a child's plan. */
export interface PlannedDose {
  readonly vaccine: VaccineCode;
  /** 1 for the first dose of this vaccine in the child's plan, 2 for the second, and so on. */
  readonly dose: number;
  readonly appointment: Appointment;
  readonly dueOn: IsoDate;
  /** The earliest date a dose counts. */
  readonly earliestOn: IsoDate;
  /** The last date it may be given, if there is one (rotavirus, flu season). */
  readonly latestOn: IsoDate | null;
  readonly ruleId: string;
  readonly sources: readonly SourceId[];
}

function ageToDate(dateOfBirth: IsoDate, age: Age): IsoDate {
  return 'days' in age ? addDays(dateOfBirth, age.days) : calculateAnniversary(dateOfBirth, age.months);
}

function isInCohort(dateOfBirth: IsoDate, cohort: Cohort): boolean {
  if (cohort.bornOnOrAfter && dateOfBirth < cohort.bornOnOrAfter) return false;
  if (cohort.bornOnOrBefore && dateOfBirth > cohort.bornOnOrBefore) return false;
  const twelveWeeks = addDays(dateOfBirth, 84);
  if (cohort.twelveWeekAppointmentBefore && twelveWeeks >= cohort.twelveWeekAppointmentBefore) return false;
  if (cohort.twelveWeekAppointmentOnOrAfter && twelveWeeks < cohort.twelveWeekAppointmentOnOrAfter) return false;
  return true;
}

function isInProgramme(rule: ScheduleRule, eligibility: ImmunisationEligibility): boolean {
  return rule.programme === 'routine' || (rule.programme === 'bcg' && eligibility.bcg === true) || (rule.programme === 'hepb' && eligibility.hepb === true);
}

function planFluSeasons(dateOfBirth: IsoDate): Omit<PlannedDose, 'dose'>[] {
  const parts = parseIsoDate(dateOfBirth);
  if (!parts) return [];
  const planEnd = calculateAnniversary(dateOfBirth, planEndsAtMonths);
  const seasons: Omit<PlannedDose, 'dose'>[] = [];
  for (let year = parts.year + 2; ; year += 1) {
    const seasonStart = `${year}-${fluNasalProgramme.seasonStarts}`;
    if (seasonStart > planEnd) break;
    if (calculateAnniversary(dateOfBirth, fluNasalProgramme.minimumAgeMonthsOn31August) > `${year}-08-31`) continue;
    seasons.push({
      vaccine: 'flu-nasal',
      appointment: 'flu-season',
      dueOn: seasonStart,
      earliestOn: seasonStart,
      latestOn: `${year + 1}-${fluNasalProgramme.seasonEnds}`,
      ruleId: `flu-nasal-${year}`,
      sources: fluNasalProgramme.sources,
    });
  }
  return seasons;
}

/**
 * The plan for a child born on `dateOfBirth`, from birth to 3 years 4 months, as England's schedule
 * applied to them. Selective and seasonal vaccines appear only when `eligibility` says so.
 */
export function getImmunisationSchedule(dateOfBirth: IsoDate, eligibility: ImmunisationEligibility = {}): PlannedDose[] {
  if (!isIsoDate(dateOfBirth)) throw new RangeError('Expected a date of birth written YYYY-MM-DD');
  const planned: Omit<PlannedDose, 'dose'>[] = scheduleRules
    .filter((rule) => isInCohort(dateOfBirth, rule.cohort) && isInProgramme(rule, eligibility))
    .map((rule) => ({
      vaccine: rule.vaccine,
      appointment: rule.appointment,
      dueOn: ageToDate(dateOfBirth, rule.dueAt),
      earliestOn: ageToDate(dateOfBirth, rule.earliestAt),
      latestOn: rule.latestAt ? ageToDate(dateOfBirth, rule.latestAt) : null,
      ruleId: rule.id,
      sources: rule.sources,
    }));
  if (eligibility.fluNasal === true) planned.push(...planFluSeasons(dateOfBirth));
  planned.sort((a, b) => (a.dueOn === b.dueOn ? 0 : a.dueOn < b.dueOn ? -1 : 1));
  const counts = new Map<VaccineCode, number>();
  return planned.map((dose) => {
    const number = (counts.get(dose.vaccine) ?? 0) + 1;
    counts.set(dose.vaccine, number);
    return { ...dose, dose: number };
  });
}

/** A dose a carer or clinician recorded as given. */
export interface GivenDose {
  readonly vaccine: VaccineCode;
  readonly givenOn: IsoDate;
}

/** Where one planned dose stands. */
export type ImmunisationStatus = 'given' | 'due' | 'overdue' | 'not yet due' | 'no longer offered';

/** One planned dose, assessed. */
export interface AssessedDose extends PlannedDose {
  readonly status: ImmunisationStatus;
  /** The date this dose can be given from, after minimum gaps from earlier doses. */
  readonly canBeGivenFrom: IsoDate | null;
  readonly givenOn: IsoDate | null;
  /** What the family can do, in NHS content style; null when nothing is needed. */
  readonly nextStep: string | null;
}

/** The whole assessment: every planned dose, and the recorded doses that did not count. */
export interface ImmunisationAssessment {
  readonly doses: readonly AssessedDose[];
  /** Doses given before they could count (for example MMR before the first birthday). */
  readonly notCounted: readonly (GivenDose & { readonly reason: 'given-too-early' | 'not-in-plan' })[];
}

const contactSurgery = 'Contact your GP surgery to book';

/**
 * Assesses each planned dose on `today`: given, due, overdue, not yet due, or no longer offered.
 * A given dose counts only on or after the dose's earliest date and at least 28 days after the
 * previous counted dose of the same vaccine; late starters follow those gaps from the dose actually
 * given. A dose is overdue 28 days after it could first be given (see `overdueAfterDays`).
 */
export function assessImmunisations(input: {
  readonly dateOfBirth: IsoDate;
  readonly given: readonly GivenDose[];
  readonly eligibility?: ImmunisationEligibility;
  readonly today: IsoDate;
}): ImmunisationAssessment {
  const plan = getImmunisationSchedule(input.dateOfBirth, input.eligibility);
  const byVaccine = new Map<VaccineCode, GivenDose[]>();
  for (const dose of [...input.given].sort((a, b) => (a.givenOn < b.givenOn ? -1 : a.givenOn > b.givenOn ? 1 : 0))) {
    byVaccine.set(dose.vaccine, [...(byVaccine.get(dose.vaccine) ?? []), dose]);
  }
  const notCounted: (GivenDose & { reason: 'given-too-early' | 'not-in-plan' })[] = [];
  const assessed: AssessedDose[] = [];
  // The state of the previous dose of each vaccine: when it was given, or why the chain stopped.
  const previous = new Map<VaccineCode, { givenOn: IsoDate | null; status: ImmunisationStatus }>();

  for (const dose of plan) {
    const queue = byVaccine.get(dose.vaccine) ?? [];
    const before = previous.get(dose.vaccine);
    const intervalFrom = before?.givenOn ? addDays(before.givenOn, minimumIntervalDays) : null;
    const canBeGivenFrom = before && before.givenOn === null ? null : intervalFrom ? laterDate(dose.earliestOn, intervalFrom) : dose.earliestOn;

    let givenOn: IsoDate | null = null;
    while (canBeGivenFrom !== null && queue.length > 0) {
      const next = queue.shift() as GivenDose;
      if (next.givenOn >= canBeGivenFrom && (dose.latestOn === null || next.givenOn <= dose.latestOn || dose.vaccine !== 'flu-nasal')) {
        givenOn = next.givenOn;
        break;
      }
      notCounted.push({ ...next, reason: 'given-too-early' });
    }
    byVaccine.set(dose.vaccine, queue);

    let status: ImmunisationStatus;
    if (givenOn !== null) status = 'given';
    else if (before && before.status === 'no longer offered') status = 'no longer offered';
    else if (dose.latestOn !== null && input.today > dose.latestOn) status = 'no longer offered';
    else if (canBeGivenFrom === null) status = 'not yet due';
    else {
      const dueFrom = laterDate(dose.dueOn, canBeGivenFrom);
      status = input.today < dueFrom ? 'not yet due' : input.today < addDays(dueFrom, overdueAfterDays) ? 'due' : 'overdue';
    }
    previous.set(dose.vaccine, { givenOn, status });
    assessed.push({
      ...dose,
      status,
      givenOn,
      canBeGivenFrom,
      nextStep:
        status === 'due' || status === 'overdue'
          ? contactSurgery
          : status === 'no longer offered'
            ? 'This vaccine is no longer offered at your child\'s age. Your GP surgery can tell you more'
            : null,
    });
  }
  for (const leftovers of byVaccine.values()) for (const dose of leftovers) notCounted.push({ ...dose, reason: 'not-in-plan' });
  return { doses: assessed, notCounted };
}
