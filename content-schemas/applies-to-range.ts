import { defineField, defineType } from 'sanity';

/**
 * The days a piece of guidance applies to. Pregnancy days count from the first day of the last
 * period (day 280 is the due date; "week N" is days 7N to 7N+6). Child days count from birth
 * ("month M" starts at day round(M x 30.4375), the WHO convention).
 */
export const appliesToRange = defineType({
  name: 'appliesToRange',
  title: 'Applies to',
  type: 'object',
  fields: [
    defineField({
      name: 'audience',
      title: 'Who it is for',
      type: 'string',
      options: {
        list: [
          { title: 'Pregnancy (days from the first day of the last period)', value: 'pregnancy' },
          { title: 'Child (days from birth)', value: 'child' },
        ],
        layout: 'radio',
      },
      validation: (rule) => rule.required().error('Choose pregnancy or child'),
    }),
    defineField({
      name: 'fromDay',
      title: 'From day',
      description: 'Pregnancy week N starts on day 7 x N. Baby month M starts on day M x 30.4375, rounded.',
      type: 'number',
      validation: (rule) => rule.required().integer().min(0).max(1400).error('Enter a whole number of days from 0 to 1,400'),
    }),
    defineField({
      name: 'toDay',
      title: 'To day (inclusive)',
      description: 'The last day this guidance applies to. Pregnancy week N ends on day 7 x N + 6.',
      type: 'number',
      validation: (rule) =>
        rule
          .required()
          .integer()
          .min(0)
          .max(1400)
          .custom((toDay, context) => {
            const fromDay = (context.parent as { fromDay?: number } | undefined)?.fromDay;
            return typeof toDay === 'number' && typeof fromDay === 'number' && toDay < fromDay
              ? 'The last day must be the same as or after the first day'
              : true;
          }),
    }),
  ],
  preview: {
    select: { audience: 'audience', fromDay: 'fromDay', toDay: 'toDay' },
    prepare: ({ audience, fromDay, toDay }) => ({
      title: `${audience === 'pregnancy' ? 'Pregnancy' : 'Child'}: day ${fromDay ?? '?'} to ${toDay ?? '?'}`,
    }),
  },
});
