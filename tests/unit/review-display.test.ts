import { describe, expect, test } from 'vitest';
import { selectReviewDisplay } from '../../src/content/review-display.ts';

describe('what a page says about its review', () => {
  test.each([
    [{ status: 'clinically-reviewed', reviewedOn: '2026-01-10', nextReviewDue: '2029-01-10' }, { kind: 'reviewed', lastReviewed: '2026-01-10', nextReviewDue: '2029-01-10' }],
    [{ status: 'clinically-reviewed', reviewedOn: '2020-01-10', nextReviewDue: '2023-01-10' }, { kind: 'reviewed', lastReviewed: '2020-01-10', nextReviewDue: '2023-01-10' }],
    [{ status: 'awaiting-clinical-review', reviewedOn: '2026-11-25', nextReviewDue: '2027-05-25' }, { kind: 'awaiting-clinical-review' }],
    [{ status: 'clinically-reviewed', reviewedOn: null, nextReviewDue: '2029-01-10' }, { kind: 'awaiting-clinical-review' }],
    [null, { kind: 'awaiting-clinical-review' }],
  ])('%o -> %o', (review, expected) => {
    expect(selectReviewDisplay(review)).toEqual(expected);
  });
});
