/** The "Review overdue" and "Review due soon" badges on guidance documents. */
import type { DocumentBadgeComponent } from 'sanity';
import { getReviewBadge, type ReviewFields } from '../../src/content/guidance-rules.ts';
import { instantToLondonDate } from '../../src/dates/index.ts';

/** Shows a badge when the document's next review is overdue or due within 60 days. */
export const ReviewBadge: DocumentBadgeComponent = (props) => {
  const document = (props.draft ?? props.published) as { review?: ReviewFields } | null;
  const badge = getReviewBadge(document?.review, instantToLondonDate(new Date()));
  return badge ? { label: badge.label, color: badge.tone === 'critical' ? 'danger' : 'warning', title: badge.label } : null;
};
