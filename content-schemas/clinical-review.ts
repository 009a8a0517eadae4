import { defineField, defineType } from 'sanity';
import { checkReviewDates } from '../src/content/guidance-rules.ts';

/**
 * Who last reviewed a page and when it must be reviewed again. Publishing a change to the body of
 * a clinically reviewed page sets it back to "Awaiting clinical review" (see studio/actions).
 */
export const clinicalReview = defineType({
  name: 'clinicalReview',
  title: 'Review',
  type: 'object',
  fields: [
    defineField({
      name: 'status',
      title: 'Status',
      type: 'string',
      options: {
        list: [
          { title: 'Awaiting clinical review', value: 'awaiting-clinical-review' },
          { title: 'Clinically reviewed', value: 'clinically-reviewed' },
        ],
        layout: 'radio',
      },
      initialValue: 'awaiting-clinical-review',
      validation: (rule) => rule.required().error('Choose the review status'),
    }),
    defineField({
      name: 'reviewedBy',
      title: 'Reviewed by',
      description: 'The clinician who reviewed the page, or the content designer who wrote it while it awaits clinical review.',
      type: 'reference',
      to: [{ type: 'person' }],
      validation: (rule) => rule.required().error('Choose who reviewed the page'),
    }),
    defineField({ name: 'reviewedOn', title: 'Reviewed on', type: 'date', validation: (rule) => rule.required().error('Enter the date of the review') }),
    defineField({
      name: 'nextReviewDue',
      title: 'Next review due',
      description: 'No more than 3 years after the review.',
      type: 'date',
      validation: (rule) => [
        rule.required().error('Enter the date the next review is due'),
        rule.custom((nextReviewDue, context) => {
          const reviewedOn = (context.parent as { reviewedOn?: string } | undefined)?.reviewedOn;
          if (typeof nextReviewDue !== 'string' || typeof reviewedOn !== 'string') return true;
          return checkReviewDates(reviewedOn, nextReviewDue) ?? true;
        }),
      ],
    }),
  ],
});
