import { defineField, defineType } from 'sanity';

/** NHS details (expander): extra information a reader can open if they need it. */
export const expander = defineType({
  name: 'expander',
  title: 'Details (expander)',
  type: 'object',
  fields: [
    defineField({ name: 'summary', title: 'Label', description: 'A short question or label, such as "How to take your baby\'s temperature".', type: 'string', validation: (rule) => rule.required().error('Enter the label a reader clicks to open it') }),
    defineField({ name: 'text', title: 'Text inside', description: 'Leave a blank line between paragraphs.', type: 'text', rows: 5, validation: (rule) => rule.required().error('Enter the text inside') }),
  ],
  preview: { select: { title: 'summary' }, prepare: ({ title }) => ({ title, subtitle: 'Details' }) },
});
