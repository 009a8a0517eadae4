import { describe, expect, test } from 'vitest';
import { formatReviewReport, summariseReviews, type ReviewedGuidance } from '../../src/content/review-report.ts';

const page = (slug: string, status: string, nextReviewDue: string): ReviewedGuidance => ({ _type: 'article', slug, title: slug, review: { status, nextReviewDue } });

describe('the build report on clinical review', () => {
  const documents = [page('a', 'clinically-reviewed', '2026-11-24'), page('b', 'clinically-reviewed', '2026-11-25'), page('c', 'awaiting-clinical-review', '2027-05-25')];

  test('a page past its review date is listed (it still publishes); one due today is not yet overdue', () => {
    expect(summariseReviews(documents, '2026-11-25')).toEqual({
      overdue: [{ path: '/guides/a', nextReviewDue: '2026-11-24' }],
      awaitingClinicalReview: ['/guides/c'],
      total: 3,
    });
  });

  test('prints one summary line and a line per page', () => {
    expect(formatReviewReport(summariseReviews(documents, '2026-11-25'))).toEqual([
      'Clinical review: 3 guidance pages, 1 past their review date, 1 awaiting clinical review.',
      '  review overdue since 2026-11-24: /guides/a',
      '  awaiting clinical review: /guides/c',
    ]);
  });

  test('when nothing has been reviewed yet, it says so once rather than listing every page', () => {
    const lines = formatReviewReport(summariseReviews([page('x', 'awaiting-clinical-review', '2027-01-01')], '2026-11-25'));
    expect(lines).toEqual(['Clinical review: 1 guidance page, 0 past their review date, 1 awaiting clinical review.', '  No page has been clinically reviewed yet: every page says so to families. See the Studio\'s "Review due" list.']);
  });
});
