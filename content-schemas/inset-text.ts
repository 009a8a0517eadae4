import { defineField, defineType } from 'sanity';

/** NHS inset text: a short piece of information that needs to stand out from the text around it. */
export const insetText = defineType({
  name: 'insetText',
  title: 'Inset text',
  type: 'object',
  fields: [
    defineField({
      name: 'text',
      title: 'Text',
      description: 'One or two short sentences. Leave a blank line between paragraphs.',
      type: 'text',
      rows: 3,
      validation: (rule) => rule.required().max(400).error('Enter inset text of 400 characters or fewer'),
    }),
  ],
  preview: { select: { title: 'text' }, prepare: ({ title }) => ({ title, subtitle: 'Inset text' }) },
});
