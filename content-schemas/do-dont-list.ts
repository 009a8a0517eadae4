import { defineField, defineType } from 'sanity';

/** NHS do and don't list, for habits that matter (such as safe sleep). */
export const doDontList = defineType({
  name: 'doDontList',
  title: "Do or don't list",
  type: 'object',
  fields: [
    defineField({
      name: 'kind',
      title: 'Kind of list',
      type: 'string',
      options: { list: [{ title: 'Do', value: 'do' }, { title: "Don't", value: 'dont' }], layout: 'radio' },
      validation: (rule) => rule.required().error("Choose do or don't"),
    }),
    defineField({
      name: 'items',
      title: 'Items',
      description: 'Start each item in lower case. Items in a "Don\'t" list start "do not".',
      type: 'array',
      of: [{ type: 'string' }],
      validation: (rule) => rule.required().min(1).error('Add at least one item'),
    }),
  ],
  preview: { select: { kind: 'kind', items: 'items' }, prepare: ({ kind, items }) => ({ title: kind === 'do' ? 'Do' : "Don't", subtitle: `${items?.length ?? 0} items` }) },
});
