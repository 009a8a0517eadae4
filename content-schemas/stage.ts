import { defineField, defineType } from 'sanity';
import { guidanceFields, uniqueSlugRule } from './guidance-fields.ts';

/** A stage: one pregnancy week, one baby month, a toddler period, or "born early". */
export const stage = defineType({
  name: 'stage',
  title: 'Stage',
  type: 'document',
  validation: uniqueSlugRule,
  fields: [
    defineField({
      name: 'stageGroup',
      title: 'Kind of stage',
      type: 'string',
      options: {
        list: [
          { title: 'Pregnancy week', value: 'pregnancy' },
          { title: 'Baby month (first year)', value: 'baby' },
          { title: 'Toddler (1 to 2 years)', value: 'toddler' },
          { title: 'Born early (before the due date)', value: 'born-early' },
        ],
        layout: 'radio',
      },
      validation: (rule) => rule.required().error('Choose the kind of stage'),
    }),
    ...guidanceFields,
  ],
  orderings: [{ title: 'By age', name: 'byAge', by: [{ field: 'appliesTo[0].fromDay', direction: 'asc' }] }],
  preview: { select: { title: 'title', subtitle: 'summary' } },
});
