import { defineField, defineType } from 'sanity';

/** A topic that guidance is grouped by, such as feeding or sleep. */
export const topic = defineType({
  name: 'topic',
  title: 'Topic',
  type: 'document',
  fields: [
    defineField({ name: 'title', title: 'Title', type: 'string', validation: (rule) => rule.required().error('Enter a title') }),
    defineField({ name: 'slug', title: 'Web address', type: 'slug', options: { source: 'title' }, validation: (rule) => rule.required().error('Generate a web address from the title') }),
    defineField({
      name: 'description',
      title: 'Description',
      description: 'One sentence for the topic list, 160 characters or fewer.',
      type: 'text',
      rows: 2,
      validation: (rule) => [rule.required().error('Enter a description'), rule.max(160).error('Enter a description of 160 characters or fewer')],
    }),
    defineField({ name: 'order', title: 'Order in lists', type: 'number', initialValue: 10 }),
  ],
  preview: { select: { title: 'title', subtitle: 'description' } },
});
