import { defineField, defineType } from 'sanity';

/**
 * NHS care card: when and where to get help. Red (emergency) is call 999 or go to A&E; amber
 * (urgent) is an urgent GP appointment or NHS 111; blue (non-urgent) is see a GP or pharmacist.
 */
export const careCard = defineType({
  name: 'careCard',
  title: 'Care card (when to get help)',
  type: 'object',
  fields: [
    defineField({
      name: 'urgency',
      title: 'How urgent',
      type: 'string',
      options: {
        list: [
          { title: 'Emergency (red): call 999 or go to A&E', value: 'emergency' },
          { title: 'Urgent (amber): urgent GP appointment or call 111', value: 'urgent' },
          { title: 'Non-urgent (blue): see a GP, pharmacist or health visitor', value: 'non-urgent' },
        ],
        layout: 'radio',
      },
      validation: (rule) => rule.required().error('Choose how urgent this is'),
    }),
    defineField({
      name: 'heading',
      title: 'Heading',
      description: 'Say what to do, then "if:". For example: "Call 999 or go to A&E if your baby:".',
      type: 'string',
      validation: (rule) => rule.required().error('Enter a heading that says what to do'),
    }),
    defineField({
      name: 'items',
      title: 'Signs to look for',
      type: 'array',
      of: [{ type: 'string' }],
      validation: (rule) => rule.required().min(1).error('Add at least one sign to look for'),
    }),
    defineField({ name: 'text', title: 'Text after the list (optional)', type: 'text', rows: 2 }),
  ],
  preview: { select: { title: 'heading', subtitle: 'urgency' } },
});
