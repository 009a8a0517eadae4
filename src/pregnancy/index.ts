/**
 * Pregnancy arithmetic from the first day of the last period (LMP): due date, week and day,
 * trimester and days until the due date.
 * Source: NHS "Due date calculator" and week-by-week guide (due date = LMP + 280 days; the guide's
 * trimesters are weeks 1 to 12, 13 to 27 and 28 to 40), checked 2026-11-25.
 */
import { addDays, daysBetween, type IsoDate } from '../dates/index.ts';
import { termInDays } from '../child-age/index.ts';

/** The due date: 280 days after the first day of the last period. */
export function calculateDueDate(lastPeriodStarted: IsoDate): IsoDate {
  return addDays(lastPeriodStarted, termInDays);
}

/** The first day of the last period that a due date implies. */
export function dueDateToLastPeriod(dueDate: IsoDate): IsoDate {
  return addDays(dueDate, -termInDays);
}

/** Which third of pregnancy: 1 (weeks 0 to 12), 2 (weeks 13 to 27) or 3 (week 28 on). */
export type Trimester = 1 | 2 | 3;

/** Where a pregnancy is on a given day. */
export interface PregnancyProgress {
  /** Days since the first day of the last period: "week N" is days 7N to 7N + 6. */
  readonly pregnancyDay: number;
  /** Completed weeks: "N weeks pregnant" means N+0 to N+6. */
  readonly weeks: number;
  readonly days: number;
  readonly trimester: Trimester;
  readonly dueDate: IsoDate;
  /** Days until the due date; 0 on it, negative once it has passed. */
  readonly daysUntilDue: number;
}

/** Works out how far along a pregnancy is on `on`; null before the last period started. */
export function calculatePregnancyProgress(lastPeriodStarted: IsoDate, on: IsoDate): PregnancyProgress | null {
  const pregnancyDay = daysBetween(lastPeriodStarted, on);
  if (pregnancyDay < 0) return null;
  const weeks = Math.floor(pregnancyDay / 7);
  return {
    pregnancyDay,
    weeks,
    days: pregnancyDay % 7,
    trimester: weeks <= 12 ? 1 : weeks <= 27 ? 2 : 3,
    dueDate: calculateDueDate(lastPeriodStarted),
    daysUntilDue: termInDays - pregnancyDay,
  };
}

/** The first pregnancy day of week N (N+0). */
export function pregnancyWeekToStartDay(week: number): number {
  return week * 7;
}

/** The gestation a baby was born at, from the due date and the date of birth. */
export function calculateGestationAtBirth(dueDate: IsoDate, dateOfBirth: IsoDate): { weeks: number; days: number } {
  const gestationDays = termInDays - daysBetween(dateOfBirth, dueDate);
  return { weeks: Math.floor(gestationDays / 7), days: ((gestationDays % 7) + 7) % 7 };
}
