/**
 * Health and development reviews in the red book: a family records a review as done (date, who did
 * it, notes), and the Healthy Child Programme engine works out each review's window and status.
 */
import type { IsoDate } from '../dates/index.ts';
import type { FieldError } from '../forms.ts';
import { assessHealthReviews, healthReviews, type AssessedHealthReview, type HealthReviewCode } from '../health-reviews/index.ts';
import type { ChildDetails } from './child-details.ts';
import type { Entry } from './entries.ts';
import { readEntryDate } from './entry-date.ts';
import { dateToFormValues, readByAndNotes } from './entry-fields.ts';

/** A health review entry's own fields. */
export interface HealthReviewData {
  readonly review: HealthReviewCode;
  readonly by: string | null;
  readonly notes: string | null;
}

/** The reviews a child record holds (the antenatal contact belongs to the pregnancy). */
export const childReviews = healthReviews.filter((review) => review.basis === 'child');

/** Checks a "review done" form against the child's details and `today`. */
export function checkHealthReview(
  input: Readonly<Record<string, string | null | undefined>>,
  child: ChildDetails,
  today: IsoDate,
): { readonly ok: true; readonly occurredOn: IsoDate; readonly data: HealthReviewData } | { readonly ok: false; readonly errors: readonly FieldError[] } {
  const errors: FieldError[] = [];
  const review = childReviews.find((candidate) => candidate.code === input.review)?.code ?? null;
  if (!review) errors.push({ field: 'review', message: 'Select which review your child had' });
  const date = readEntryDate(input, 'doneOn', 'the review was done', child.dateOfBirth, today);
  if (!date.ok) errors.push({ field: 'doneOn', message: date.message });
  const { by, notes } = readByAndNotes(input, errors);
  if (errors.length > 0 || !review || !date.ok) return { ok: false, errors };
  return { ok: true, occurredOn: date.date, data: { review, by, notes } };
}

/** A stored review entry's fields as form values, for changing it. */
export function healthReviewToFormValues(entry: Entry): Record<string, string> {
  const data = entry.data as unknown as HealthReviewData;
  return { review: data.review, by: data.by ?? '', notes: data.notes ?? '', ...dateToFormValues('doneOn', entry.occurredOn) };
}

/** Each review with its window and status, and the entry that recorded it as done (the earliest, if more than one). */
export function assessChildReviews(child: ChildDetails, reviewEntries: readonly Entry[], today: IsoDate): (AssessedHealthReview & { readonly entry: Entry | null })[] {
  const done = reviewEntries.map((entry) => ({ code: (entry.data as unknown as HealthReviewData).review, on: entry.occurredOn, entry }));
  return assessHealthReviews({ dateOfBirth: child.dateOfBirth, done, today }).map((review) => ({ ...review, entry: done.find((item) => item.code === review.code)?.entry ?? null }));
}
