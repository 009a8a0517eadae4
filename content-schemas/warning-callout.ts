import { defineField, defineType } from 'sanity';

/** NHS warning callout: something people must know to stay safe, that is not urgent care advice. */
export const warningCallout = defineType({
  name: 'warningCallout',
  title: 'Warning callout',
  type: 'object',
  fields: [
    defineField({
      name: 'heading',
      title: 'Heading',
      description: 'Usually "Important".',
      type: 'string',
      initialValue: 'Important',
      validation: (rule) => rule.required().error('Enter a heading'),
    }),
    defineField({
      name: 'text',
      title: 'Text',
      type: 'text',
      rows: 4,
      validation: (rule) => rule.required().error('Enter the warning text'),
    }),
  ],
  preview: { select: { title: 'heading', subtitle: 'text' } },
});
