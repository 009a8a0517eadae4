/**
 * The England routine childhood immunisation schedule from birth to 3 years 4 months, as versioned
 * data. Each rule says what it keys on (date of birth, or the date of an appointment) and cites its
 * source. Code elsewhere never branches on dates of its own.
 */

/** Vaccine codes, stable: content pages (`vaccine` documents) link to these. */
export type VaccineCode =
  | 'dtap-ipv-hib-hepb'
  | 'menb'
  | 'rotavirus'
  | 'pcv'
  | 'hib-menc'
  | 'mmr'
  | 'mmrv'
  | 'dtap-ipv'
  | 'bcg'
  | 'hepb'
  | 'flu-nasal';

/** The appointments in the schedule. */
export type Appointment = 'birth' | '4-weeks' | '8-weeks' | '12-weeks' | '16-weeks' | '1-year' | '18-months' | '3-years-4-months' | 'flu-season';

/** Who a rule is for. Every bound is inclusive and optional. */
export interface Cohort {
  readonly bornOnOrAfter?: string;
  readonly bornOnOrBefore?: string;
  /** For the 1 July 2025 infant change, which keys on the date of the 12-week appointment. */
  readonly twelveWeekAppointmentBefore?: string;
  readonly twelveWeekAppointmentOnOrAfter?: string;
}

/** An age: days from birth, or calendar months (anniversaries). */
export type Age = { readonly days: number } | { readonly months: number };

/** One dose of one vaccine in the schedule. */
export interface ScheduleRule {
  readonly id: string;
  readonly vaccine: VaccineCode;
  readonly appointment: Appointment;
  readonly dueAt: Age;
  /** The youngest age at which this dose counts. */
  readonly earliestAt: Age;
  /** The last age at which this dose may be given; after it, "no longer offered". */
  readonly latestAt?: Age;
  readonly cohort: Cohort;
  /** Routine, or only for children whose eligibility says so. */
  readonly programme: 'routine' | 'bcg' | 'hepb';
  readonly sources: readonly SourceId[];
}

/** Where each rule comes from. */
export const scheduleSources = {
  schedule2026: {
    title: 'Complete routine immunisation schedule from 1 January 2026',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/the-complete-routine-immunisation-schedule/complete-routine-immunisation-schedule-from-1-january-2026',
    checkedOn: '2026-11-25',
  },
  annexeA: {
    title: 'Annexe A: the new routine childhood vaccination schedule (published 30 April 2025)',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/changes-to-the-routine-childhood-schedule-letter/annexe-a-the-new-routine-childhood-vaccination-schedule',
    checkedOn: '2026-11-25',
  },
  changesJuly2025: {
    title: 'Childhood schedule changes from 1 July 2025: information for healthcare practitioners',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/childhood-schedule-changes-from-1-july-2025-information-for-healthcare-practitioners',
    checkedOn: '2026-11-25',
  },
  mmrvLetter: {
    title: 'Introduction of a routine varicella (MMRV) vaccination programme (letter, 31 October 2025)',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/introduction-of-a-routine-varicella-mmrv-vaccination-programme',
    checkedOn: '2026-11-25',
  },
  greenBookRotavirus: {
    title: 'Rotavirus: the green book, chapter 27b',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/rotavirus-the-green-book-chapter-27b',
    checkedOn: '2026-11-25',
  },
  greenBookSchedule: {
    title: 'Immunisation schedule: the green book, chapter 11 (minimum ages and intervals)',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/immunisation-schedule-the-green-book-chapter-11',
    checkedOn: '2026-11-25',
  },
  greenBookBcg: {
    title: 'Tuberculosis: the green book, chapter 32',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/tuberculosis-the-green-book-chapter-32',
    checkedOn: '2026-11-25',
  },
  greenBookHepB: {
    title: 'Hepatitis B: the green book, chapter 18',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/hepatitis-b-the-green-book-chapter-18',
    checkedOn: '2026-11-25',
  },
  greenBookFlu: {
    title: 'Influenza: the green book, chapter 19',
    publisher: 'UK Health Security Agency',
    url: 'https://www.gov.uk/government/publications/influenza-the-green-book-chapter-19',
    checkedOn: '2026-11-25',
  },
} as const;

/** A key of `scheduleSources`. */
export type SourceId = keyof typeof scheduleSources;

/** The version of this data: the date of the newest schedule it encodes. */
export const scheduleVersion = '2026-01-01';

// Primary doses may be given from 6 weeks of age (Green Book chapter 11). 8, 12 and 16 weeks are
// days 56, 84 and 112. Doses at 1 year and after count only on or after the first birthday.
const primary = { days: 42 } as const;
const firstBirthday = { months: 12 } as const;
const allChildren: Cohort = {};
// The 1 July 2025 change moved the 2nd MenB to 12 weeks and PCV to 16 weeks by appointment date.
// A baby whose 12-week appointment fell before 1 July 2025 had PCV at 12 weeks, so completes the
// old order (MenB at 16 weeks): every baby gets two infant MenB doses and one infant PCV.
const oldInfantOrder: Cohort = { twelveWeekAppointmentBefore: '2025-07-01' };
const newInfantOrder: Cohort = { twelveWeekAppointmentOnOrAfter: '2025-07-01' };

/** Every rule, in appointment order. */
export const scheduleRules: readonly ScheduleRule[] = [
  { id: 'hepb-birth', vaccine: 'hepb', appointment: 'birth', dueAt: { days: 0 }, earliestAt: { days: 0 }, cohort: allChildren, programme: 'hepb', sources: ['greenBookHepB', 'schedule2026'] },
  { id: 'hepb-4-weeks', vaccine: 'hepb', appointment: '4-weeks', dueAt: { days: 28 }, earliestAt: { days: 28 }, cohort: allChildren, programme: 'hepb', sources: ['greenBookHepB', 'schedule2026'] },
  { id: 'bcg-28-days', vaccine: 'bcg', appointment: '4-weeks', dueAt: { days: 28 }, earliestAt: { days: 0 }, cohort: allChildren, programme: 'bcg', sources: ['greenBookBcg', 'schedule2026'] },

  { id: '6in1-8-weeks', vaccine: 'dtap-ipv-hib-hepb', appointment: '8-weeks', dueAt: { days: 56 }, earliestAt: primary, cohort: allChildren, programme: 'routine', sources: ['schedule2026'] },
  { id: 'menb-8-weeks', vaccine: 'menb', appointment: '8-weeks', dueAt: { days: 56 }, earliestAt: primary, cohort: allChildren, programme: 'routine', sources: ['schedule2026'] },
  // Rotavirus: the first dose is not given from 15 weeks (day 105); the course is not given from
  // 24 weeks (day 168). Green Book chapter 27b.
  { id: 'rotavirus-8-weeks', vaccine: 'rotavirus', appointment: '8-weeks', dueAt: { days: 56 }, earliestAt: primary, latestAt: { days: 104 }, cohort: allChildren, programme: 'routine', sources: ['schedule2026', 'greenBookRotavirus'] },

  { id: '6in1-12-weeks', vaccine: 'dtap-ipv-hib-hepb', appointment: '12-weeks', dueAt: { days: 84 }, earliestAt: primary, cohort: allChildren, programme: 'routine', sources: ['schedule2026'] },
  { id: 'rotavirus-12-weeks', vaccine: 'rotavirus', appointment: '12-weeks', dueAt: { days: 84 }, earliestAt: primary, latestAt: { days: 167 }, cohort: allChildren, programme: 'routine', sources: ['schedule2026', 'greenBookRotavirus'] },
  { id: 'pcv-12-weeks-before-july-2025', vaccine: 'pcv', appointment: '12-weeks', dueAt: { days: 84 }, earliestAt: primary, cohort: oldInfantOrder, programme: 'routine', sources: ['annexeA', 'changesJuly2025'] },
  { id: 'menb-12-weeks', vaccine: 'menb', appointment: '12-weeks', dueAt: { days: 84 }, earliestAt: primary, cohort: newInfantOrder, programme: 'routine', sources: ['annexeA', 'schedule2026'] },

  { id: '6in1-16-weeks', vaccine: 'dtap-ipv-hib-hepb', appointment: '16-weeks', dueAt: { days: 112 }, earliestAt: primary, cohort: allChildren, programme: 'routine', sources: ['schedule2026'] },
  { id: 'menb-16-weeks-before-july-2025', vaccine: 'menb', appointment: '16-weeks', dueAt: { days: 112 }, earliestAt: primary, cohort: oldInfantOrder, programme: 'routine', sources: ['annexeA', 'changesJuly2025'] },
  { id: 'pcv-16-weeks', vaccine: 'pcv', appointment: '16-weeks', dueAt: { days: 112 }, earliestAt: primary, cohort: newInfantOrder, programme: 'routine', sources: ['annexeA', 'schedule2026'] },

  { id: 'pcv-1-year', vaccine: 'pcv', appointment: '1-year', dueAt: firstBirthday, earliestAt: firstBirthday, cohort: allChildren, programme: 'routine', sources: ['schedule2026'] },
  { id: 'menb-1-year', vaccine: 'menb', appointment: '1-year', dueAt: firstBirthday, earliestAt: firstBirthday, cohort: allChildren, programme: 'routine', sources: ['schedule2026'] },
  // Hib/MenC ended for children born on or after 1 July 2024 (Annexe A, by date of birth).
  { id: 'hib-menc-1-year', vaccine: 'hib-menc', appointment: '1-year', dueAt: firstBirthday, earliestAt: firstBirthday, cohort: { bornOnOrBefore: '2024-06-30' }, programme: 'routine', sources: ['annexeA'] },
  // The selective hepatitis B 12-month dose ended with the same change (replaced by a blood test and the 18-month 6-in-1).
  { id: 'hepb-1-year', vaccine: 'hepb', appointment: '1-year', dueAt: firstBirthday, earliestAt: firstBirthday, cohort: { bornOnOrBefore: '2024-06-30' }, programme: 'hepb', sources: ['greenBookHepB', 'changesJuly2025'] },
  // MMR became MMRV from 1 January 2026: children born on or before 31 December 2024 turned 1 before then.
  { id: 'mmr-1-year', vaccine: 'mmr', appointment: '1-year', dueAt: firstBirthday, earliestAt: firstBirthday, cohort: { bornOnOrBefore: '2024-12-31' }, programme: 'routine', sources: ['schedule2026', 'mmrvLetter'] },
  { id: 'mmrv-1-year', vaccine: 'mmrv', appointment: '1-year', dueAt: firstBirthday, earliestAt: firstBirthday, cohort: { bornOnOrAfter: '2025-01-01' }, programme: 'routine', sources: ['schedule2026', 'mmrvLetter'] },

  // The 18-month appointment, from 1 January 2026, for children born on or after 1 July 2024.
  { id: '6in1-18-months', vaccine: 'dtap-ipv-hib-hepb', appointment: '18-months', dueAt: { months: 18 }, earliestAt: firstBirthday, cohort: { bornOnOrAfter: '2024-07-01' }, programme: 'routine', sources: ['annexeA', 'schedule2026'] },
  { id: 'mmrv-18-months', vaccine: 'mmrv', appointment: '18-months', dueAt: { months: 18 }, earliestAt: firstBirthday, cohort: { bornOnOrAfter: '2024-07-01' }, programme: 'routine', sources: ['annexeA', 'schedule2026', 'mmrvLetter'] },

  // Pre-school (3 years 4 months); counted from 3 years. The second measles dose is MMR for children whose
  // pre-school appointment fell before 1 January 2026 (born on or before 31 August 2022) and MMRV after.
  { id: 'dtap-ipv-3-years-4-months', vaccine: 'dtap-ipv', appointment: '3-years-4-months', dueAt: { months: 40 }, earliestAt: { months: 36 }, cohort: allChildren, programme: 'routine', sources: ['schedule2026'] },
  { id: 'mmr-3-years-4-months', vaccine: 'mmr', appointment: '3-years-4-months', dueAt: { months: 40 }, earliestAt: { months: 36 }, cohort: { bornOnOrBefore: '2022-08-31' }, programme: 'routine', sources: ['annexeA'] },
  { id: 'mmrv-3-years-4-months', vaccine: 'mmrv', appointment: '3-years-4-months', dueAt: { months: 40 }, earliestAt: { months: 36 }, cohort: { bornOnOrAfter: '2022-09-01', bornOnOrBefore: '2024-12-31' }, programme: 'routine', sources: ['schedule2026', 'mmrvLetter'] },
];

/**
 * The annual nasal flu vaccine: offered each autumn to children aged 2 or over on 31 August, for
 * the children whose eligibility says so. The season is taken to end on 31 March (assumption: the
 * Green Book does not set an end date; the annual flu letter does).
 */
export const fluNasalProgramme = {
  minimumAgeMonthsOn31August: 24,
  seasonStarts: '09-01',
  seasonEnds: '03-31',
  sources: ['greenBookFlu'] as readonly SourceId[],
} as const;

/** The last age the routine plan covers: the pre-school appointment at 3 years 4 months. */
export const planEndsAtMonths = 40;

/**
 * A dose is "overdue" once 28 days have passed since it became due and it has not been given.
 * Why 28 days: invitations go out around the due date and most surgeries offer an appointment within
 * a few weeks; 28 days is also the minimum gap between infant doses, so a dose missing for longer
 * starts to delay the next one. Parents are then told to contact their GP surgery.
 */
export const overdueAfterDays = 28;

/** The smallest gap between two doses of the same vaccine that we count (Green Book chapter 11: 4 weeks). */
export const minimumIntervalDays = 28;
