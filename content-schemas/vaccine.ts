import { defineArrayMember, defineField, defineType } from 'sanity';
import { guidanceFields, uniqueSlugRule } from './guidance-fields.ts';
import { vaccineContentCodes } from '../src/content/vaccine-codes.ts';

/** A vaccine: what it protects against, when and how it is given, and common reactions. */
export const vaccine = defineType({
  name: 'vaccine',
  title: 'Vaccine',
  type: 'document',
  validation: uniqueSlugRule,
  fields: [
    defineField({
      name: 'code',
      title: 'Schedule code',
      description: 'Links this page to the immunisation schedule the red book uses. Do not change it once published.',
      type: 'string',
      options: { list: vaccineContentCodes.map((code) => ({ title: code, value: code })) },
      validation: (rule) => rule.required().error('Choose the schedule code'),
    }),
    ...guidanceFields,
    defineField({ name: 'protectsAgainst', title: 'Protects against', type: 'array', of: [defineArrayMember({ type: 'string' })], validation: (rule) => rule.required().min(1).error('Add what the vaccine protects against') }),
    defineField({ name: 'whenGiven', title: 'When it is given', type: 'text', rows: 3, validation: (rule) => rule.required().error('Say when the vaccine is given') }),
    defineField({ name: 'howGiven', title: 'How it is given', type: 'text', rows: 2, validation: (rule) => rule.required().error('Say how the vaccine is given') }),
    defineField({ name: 'commonReactions', title: 'Common reactions', type: 'array', of: [defineArrayMember({ type: 'string' })], validation: (rule) => rule.required().min(1).error('Add the common reactions') }),
  ],
  preview: { select: { title: 'title', subtitle: 'code' } },
});
