/**
 * Rules about guidance documents that the Studio, the tests and the site share: the day ranges a
 * document may apply to, review dates, review badges, and resetting review when a body changes.
 */
import { addCalendarMonths, daysBetween, type IsoDate } from '../dates/index.ts';

/**
 * The days guidance may cover. Pregnancy 0 to 293 (to 41+6 weeks). Child -126 to 1,095: negative
 * days are corrected age before the due date, down to a baby born at 22+0 weeks (126 days early);
 * toddler pages may run to 3 years (1,095 days), the rest stop at 730.
 */
export const appliesToLimits = {
  pregnancy: { minDay: 0, maxDay: 293 },
  child: { minDay: -126, maxDay: 1095 },
} as const;

/** The longest gap allowed between a review and the next one. */
export const maxReviewIntervalMonths = 36;

/** Checks review dates; returns the problem in NHS content style, or null when they are fine. */
export function checkReviewDates(reviewedOn: IsoDate, nextReviewDue: IsoDate): string | null {
  if (nextReviewDue <= reviewedOn) return 'The next review must be after the date of the review';
  if (nextReviewDue > addCalendarMonths(reviewedOn, maxReviewIntervalMonths)) return 'The next review must be no more than 3 years after the date of the review';
  return null;
}

/** A review as stored on a guidance document. */
export interface ReviewFields {
  readonly status?: 'awaiting-clinical-review' | 'clinically-reviewed' | string | null;
  readonly reviewedOn?: IsoDate | null;
  readonly nextReviewDue?: IsoDate | null;
}

/** Documents whose next review falls within this many days are "due soon". */
export const reviewDueSoonDays = 60;

/** The badge editors see on a document, or null. */
export function getReviewBadge(review: ReviewFields | null | undefined, today: IsoDate): { label: string; tone: 'critical' | 'caution' } | null {
  const due = review?.nextReviewDue;
  if (!due) return null;
  if (due < today) return { label: 'Review overdue', tone: 'critical' };
  if (daysBetween(today, due) <= reviewDueSoonDays) return { label: 'Review due soon', tone: 'caution' };
  return null;
}

/**
 * When a clinically reviewed document is published with a changed body, its review goes back to
 * "awaiting clinical review": the clinician signed off the words that were there, not new ones.
 * A change published together with a new review date is a fresh sign-off and is left alone.
 * Returns the review to publish, or null when nothing needs to change.
 */
export function resetReviewIfBodyChanged<T extends ReviewFields>(
  published: { readonly body?: unknown; readonly review?: T | null } | null | undefined,
  draft: { readonly body?: unknown; readonly review?: T | null } | null | undefined,
): (T & { status: 'awaiting-clinical-review' }) | null {
  if (!published || !draft?.review) return null;
  if (draft.review.status !== 'clinically-reviewed') return null;
  if ((draft.review.reviewedOn ?? null) !== (published.review?.reviewedOn ?? null)) return null;
  if (JSON.stringify(published.body ?? null) === JSON.stringify(draft.body ?? null)) return null;
  return { ...draft.review, status: 'awaiting-clinical-review' };
}
