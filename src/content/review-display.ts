/**
 * What a guidance page says about its review. The NHS pattern "Page last reviewed / Next review due"
 * is shown only after a whole-page clinical review (NHS service manual, "Know that a page is up to
 * date"); otherwise the page says plainly that it is waiting for one. A page past its review date
 * still shows its dates: families still need it, and editors see it in "Review due".
 */
export type ReviewDisplay =
  | { readonly kind: 'reviewed'; readonly lastReviewed: string; readonly nextReviewDue: string }
  | { readonly kind: 'awaiting-clinical-review' };

/** Decides which review line a page shows. */
export function selectReviewDisplay(review: { readonly status?: string | null; readonly reviewedOn?: string | null; readonly nextReviewDue?: string | null } | null | undefined): ReviewDisplay {
  if (review?.status === 'clinically-reviewed' && review.reviewedOn && review.nextReviewDue) {
    return { kind: 'reviewed', lastReviewed: review.reviewedOn, nextReviewDue: review.nextReviewDue };
  }
  return { kind: 'awaiting-clinical-review' };
}
