import { defineField, defineType } from 'sanity';
import { AppliesToRangeInput } from '../studio/components/applies-to-range-input.tsx';
import { appliesToLimits } from '../src/content/guidance-rules.ts';

/**
 * The days a piece of guidance applies to. Pregnancy days count from the first day of the last
 * period (day 280 is the due date; "week N" is days 7N to 7N+6). Child days count from birth
 * ("month M" starts at day round(M x 30.4375), the WHO convention). Negative child days are
 * corrected age before the due date, for the "born early" stage.
 */
export const appliesToRange = defineType({
  name: 'appliesToRange',
  title: 'Applies to',
  type: 'object',
  components: { input: AppliesToRangeInput },
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
      validation: (rule) => [
        rule.required().error('Enter the first day'),
        rule.integer().error('Enter the first day as a whole number'),
        rule.custom((fromDay, context) => {
          const audience = (context.parent as { audience?: 'pregnancy' | 'child' } | undefined)?.audience;
          if (typeof fromDay !== 'number' || !audience) return true;
          const limits = appliesToLimits[audience];
          return fromDay < limits.minDay || fromDay > limits.maxDay ? `The first day must be between ${limits.minDay} and ${limits.maxDay} for ${audience}` : true;
        }),
      ],
    }),
    defineField({
      name: 'toDay',
      title: 'To day (inclusive)',
      description: 'The last day this guidance applies to. Pregnancy week N ends on day 7 x N + 6.',
      type: 'number',
      validation: (rule) => [
        rule.required().error('Enter the last day'),
        rule.integer().error('Enter the last day as a whole number'),
        rule.custom((toDay, context) => {
          const parent = context.parent as { audience?: 'pregnancy' | 'child'; fromDay?: number } | undefined;
          if (typeof toDay !== 'number' || !parent?.audience) return true;
          const limits = appliesToLimits[parent.audience];
          if (toDay < limits.minDay || toDay > limits.maxDay) return `The last day must be between ${limits.minDay} and ${limits.maxDay} for ${parent.audience}`;
          if (typeof parent.fromDay === 'number' && toDay < parent.fromDay) return 'The last day must be the same as or after the first day';
          return true;
        }),
      ],
    }),
  ],
  preview: {
    select: { audience: 'audience', fromDay: 'fromDay', toDay: 'toDay' },
    prepare: ({ audience, fromDay, toDay }) => ({
      title: `${audience === 'pregnancy' ? 'Pregnancy' : 'Child'}: day ${fromDay ?? '?'} to ${toDay ?? '?'}`,
    }),
  },
});
