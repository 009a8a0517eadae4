import { defineField, defineType } from 'sanity';

/** A source a page cites. Every clinical statement on a page must come from one of its sources. */
export const source = defineType({
  name: 'source',
  title: 'Source',
  type: 'object',
  fields: [
    defineField({ name: 'title', title: 'Title of the source', type: 'string', validation: (rule) => rule.required().error('Enter the title of the source') }),
    defineField({
      name: 'publisher',
      title: 'Publisher',
      description: 'For example: NHS, UK Health Security Agency, NICE, RCPCH, The Lullaby Trust.',
      type: 'string',
      validation: (rule) => rule.required().error('Enter who published the source'),
    }),
    defineField({
      name: 'url',
      title: 'Web address',
      type: 'url',
      validation: (rule) => [rule.required().error('Enter the web address of the source'), rule.uri({ scheme: ['https'] }).error('Enter a web address starting https://')],
    }),
    defineField({
      name: 'accessedOn',
      title: 'Date you last checked it',
      type: 'date',
      validation: (rule) => rule.required().error('Enter the date you last checked the source'),
    }),
  ],
  preview: { select: { title: 'title', subtitle: 'publisher' } },
});
