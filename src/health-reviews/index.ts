/**
 * The five health and development reviews of the Healthy Child Programme, with their windows and
 * each one's status on a given day.
 * Sources: DHSC "Delivery of the healthy child programme", part 2 (published 6 February 2026), which
 * names 5 statutory reviews; the review ages (antenatal from 28 weeks, new baby at 10 to 14 days,
 * 6 to 8 weeks, 9 to 12 months, 2 to 2 and a half years) from the mandated universal health visiting
 * checks (UKHSA blog, 1 March 2017); checked 2026-11-25. The 2026 guidance does not state exact
 * windows: the day ranges below are this portal's reading of those ages and are listed in the
 * hazard log for clinical review.
 */
import { calculateAnniversary, monthToStartDay } from '../child-age/index.ts';
import { addDays, type IsoDate } from '../dates/index.ts';

/** Stable codes for the five reviews. */
export type HealthReviewCode = 'antenatal' | 'new-baby' | '6-to-8-weeks' | '9-to-12-months' | '2-to-2-and-a-half-years';

/** A review and its window, as days or calendar anniversaries. */
export interface HealthReviewDefinition {
  readonly code: HealthReviewCode;
  readonly name: string;
  /** Whether the window counts from the first day of the last period or from birth. */
  readonly basis: 'pregnancy' | 'child';
}

/** The reviews, in order. */
export const healthReviews: readonly HealthReviewDefinition[] = [
  { code: 'antenatal', name: 'Antenatal health visitor contact (from 28 weeks of pregnancy)', basis: 'pregnancy' },
  { code: 'new-baby', name: 'New baby review (10 to 14 days)', basis: 'child' },
  { code: '6-to-8-weeks', name: '6 to 8 week review', basis: 'child' },
  { code: '9-to-12-months', name: '9 to 12 month review', basis: 'child' },
  { code: '2-to-2-and-a-half-years', name: '2 to 2 and a half year review', basis: 'child' },
];

/** A review's window as dates: from `opensOn` to `closesOn`, both inclusive. */
export interface ReviewWindow {
  readonly opensOn: IsoDate;
  readonly closesOn: IsoDate;
}

/**
 * The window of a review. Pregnancy: from 28+0 weeks (day 196 from the last period) to the due date
 * (day 280). Child: new baby days 10 to 14; 6 to 8 weeks is days 42 to 62 (6+0 to 8+6 weeks);
 * 9 to 12 months runs from the start of month 9 to the day before month 13 starts; 2 to 2 and a half
 * years runs from the second birthday to the day before the 30-month anniversary.
 */
export function calculateReviewWindow(code: HealthReviewCode, anchor: IsoDate): ReviewWindow {
  switch (code) {
    case 'antenatal':
      return { opensOn: addDays(anchor, 196), closesOn: addDays(anchor, 280) };
    case 'new-baby':
      return { opensOn: addDays(anchor, 10), closesOn: addDays(anchor, 14) };
    case '6-to-8-weeks':
      return { opensOn: addDays(anchor, 42), closesOn: addDays(anchor, 62) };
    case '9-to-12-months':
      return { opensOn: addDays(anchor, monthToStartDay(9)), closesOn: addDays(anchor, monthToStartDay(13) - 1) };
    case '2-to-2-and-a-half-years':
      return { opensOn: calculateAnniversary(anchor, 24), closesOn: addDays(calculateAnniversary(anchor, 30), -1) };
  }
}

/** Where a review stands. */
export type HealthReviewStatus = 'done' | 'not yet due' | 'due' | 'overdue';

/** One review, assessed. */
export interface AssessedHealthReview extends HealthReviewDefinition, ReviewWindow {
  readonly status: HealthReviewStatus;
  readonly doneOn: IsoDate | null;
  readonly nextStep: string | null;
}

/**
 * Assesses the reviews for a pregnancy (from the first day of the last period) or a child (from the
 * date of birth). A review is due inside its window and overdue after it closes without being done.
 */
export function assessHealthReviews(input: {
  readonly lastPeriodStarted?: IsoDate;
  readonly dateOfBirth?: IsoDate;
  readonly done: readonly { readonly code: HealthReviewCode; readonly on: IsoDate }[];
  readonly today: IsoDate;
}): AssessedHealthReview[] {
  const results: AssessedHealthReview[] = [];
  for (const review of healthReviews) {
    const anchor = review.basis === 'pregnancy' ? input.lastPeriodStarted : input.dateOfBirth;
    // Once a baby is born, the antenatal contact can no longer happen: it is left out rather than shown as overdue.
    if (!anchor || (review.basis === 'pregnancy' && input.dateOfBirth)) continue;
    const window = calculateReviewWindow(review.code, anchor);
    const doneOn = input.done.find((entry) => entry.code === review.code)?.on ?? null;
    const status: HealthReviewStatus =
      doneOn !== null ? 'done' : input.today < window.opensOn ? 'not yet due' : input.today <= window.closesOn ? 'due' : 'overdue';
    results.push({
      ...review,
      ...window,
      status,
      doneOn,
      nextStep: status === 'due' || status === 'overdue' ? 'Contact your health visiting team if you have not been offered this review' : null,
    });
  }
  return results;
}
