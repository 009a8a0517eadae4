/**
 * The report the build prints about clinical review: pages past their review date (they still
 * publish, because families still need them) and pages still awaiting clinical review.
 */
import type { IsoDate } from '../dates/index.ts';
import { guidanceToPath, type GuidanceType } from './paths.ts';

/** What the report needs of each guidance document. */
export interface ReviewedGuidance {
  readonly _type: GuidanceType;
  readonly slug: string | null;
  readonly title: string | null;
  readonly review: { readonly status: string | null; readonly nextReviewDue: string | null } | null;
}

/** The pages in each state, as site paths. */
export interface ReviewReport {
  readonly overdue: readonly { readonly path: string; readonly nextReviewDue: string }[];
  readonly awaitingClinicalReview: readonly string[];
  readonly total: number;
}

/** Sorts guidance into overdue and awaiting clinical review on `today`. */
export function summariseReviews(documents: readonly ReviewedGuidance[], today: IsoDate): ReviewReport {
  const pages = documents.filter((document) => document.slug);
  const path = (document: ReviewedGuidance) => guidanceToPath({ _type: document._type, slug: document.slug ?? '' });
  return {
    overdue: pages
      .filter((document) => document.review?.nextReviewDue && document.review.nextReviewDue < today)
      .map((document) => ({ path: path(document), nextReviewDue: document.review?.nextReviewDue ?? '' }))
      .sort((a, b) => a.nextReviewDue.localeCompare(b.nextReviewDue)),
    awaitingClinicalReview: pages.filter((document) => document.review?.status !== 'clinically-reviewed').map(path).sort(),
    total: pages.length,
  };
}

/** The report as lines for the build log. */
export function formatReviewReport(report: ReviewReport): string[] {
  const lines = [`Clinical review: ${report.total} guidance ${report.total === 1 ? 'page' : 'pages'}, ${report.overdue.length} past their review date, ${report.awaitingClinicalReview.length} awaiting clinical review.`];
  for (const page of report.overdue) lines.push(`  review overdue since ${page.nextReviewDue}: ${page.path}`);
  if (report.awaitingClinicalReview.length > 0 && report.awaitingClinicalReview.length === report.total) {
    lines.push('  No page has been clinically reviewed yet: every page says so to families. See the Studio\'s "Review due" list.');
  } else {
    for (const path of report.awaitingClinicalReview) lines.push(`  awaiting clinical review: ${path}`);
  }
  return lines;
}
