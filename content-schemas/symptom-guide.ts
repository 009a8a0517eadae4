import { defineArrayMember, defineField, defineType } from 'sanity';
import { guidanceFields, uniqueSlugRule } from './guidance-fields.ts';

const signsField = (name: string, title: string, description: string, required: boolean) =>
  defineField({
    name,
    title,
    description,
    type: 'array',
    of: [defineArrayMember({ type: 'string' })],
    validation: (rule) => (required ? rule.required().min(1).error(`Add at least one item to "${title}"`) : rule),
  });

/** "When to get help": what to look for, split into red (999 or A&E), amber (GP or 111 today) and green (care at home). */
export const symptomGuide = defineType({
  name: 'symptomGuide',
  title: 'When to get help',
  type: 'document',
  validation: uniqueSlugRule,
  fields: [
    ...guidanceFields,
    signsField('emergencySigns', 'Call 999 or go to A&E if', 'Red: signs that need an ambulance or A&E now. Start each with a lower-case letter.', true),
    signsField('urgentSigns', 'Urgent GP appointment or call 111 today if', 'Amber: signs that need advice today.', true),
    signsField('homeCare', 'Care at home', 'Green: what a parent can do at home, and what is normal.', false),
  ],
  preview: { select: { title: 'title', subtitle: 'summary' } },
});
