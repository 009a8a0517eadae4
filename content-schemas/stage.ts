import { defineArrayMember, defineField, defineType } from 'sanity';
import { guidanceFields } from './guidance-fields.ts';

/** A stage: one pregnancy week, one baby month, or a toddler period. */
export const stage = defineType({
  name: 'stage',
  title: 'Stage',
  type: 'document',
  fields: [
    ...guidanceFields,
    defineField({
      name: 'keyMessages',
      title: 'Key messages',
      description: 'Up to 5 short sentences a parent should take away from this stage. Shown at the top of the page.',
      type: 'array',
      of: [defineArrayMember({ type: 'string', validation: (rule) => rule.max(160) })],
      validation: (rule) => rule.max(5).error('Add no more than 5 key messages'),
    }),
  ],
  preview: { select: { title: 'title', subtitle: 'summary' } },
});
