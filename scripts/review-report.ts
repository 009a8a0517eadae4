/** Part of `npm run build`: prints which guidance pages are past their review date or awaiting clinical review. */
import { formatReviewReport, summariseReviews } from '../src/content/review-report.ts';
import { listGuidanceDocuments } from '../src/content/queries.ts';
import { instantToLondonDate } from '../src/dates/index.ts';
import { getContentSource } from '../site/lib/content-source.ts';

const documents = await listGuidanceDocuments(getContentSource());
console.log(formatReviewReport(summariseReviews(documents, instantToLondonDate(new Date()))).join('\n'));
