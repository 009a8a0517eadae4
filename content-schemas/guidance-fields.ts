import { defineArrayMember, defineField } from 'sanity';

/**
 * The fields every guidance document shares, with the names other code relies on:
 * `title`, `slug`, `summary`, `body`, `appliesTo`, `sources`.
 */
export const guidanceFields = [
  defineField({
    name: 'title',
    title: 'Title',
    description: 'What the page is about, in the words a parent would use. For example: "Safe sleep for your baby".',
    type: 'string',
    validation: (rule) => rule.required().max(80).error('Enter a title of 80 characters or fewer'),
  }),
  defineField({
    name: 'slug',
    title: 'Web address',
    description: 'The last part of the page address. Made from the title; change it only before the page is first published.',
    type: 'slug',
    options: { source: 'title', maxLength: 96 },
    validation: (rule) => rule.required().error('Generate a web address from the title'),
  }),
  defineField({
    name: 'summary',
    title: 'Summary',
    description: 'One sentence that works on its own in search results. 160 characters or fewer.',
    type: 'text',
    rows: 2,
    validation: (rule) => rule.required().max(160).error('Enter a summary of 160 characters or fewer'),
  }),
  defineField({
    name: 'appliesTo',
    title: 'Applies to',
    description: 'The pregnancy or child ages this guidance is for. Add more than one range if it applies to both.',
    type: 'array',
    of: [defineArrayMember({ type: 'appliesToRange' })],
    validation: (rule) => rule.required().min(1).error('Add at least one range of days this guidance applies to'),
  }),
  defineField({
    name: 'body',
    title: 'Body',
    type: 'array',
    of: [
      defineArrayMember({
        type: 'block',
        styles: [
          { title: 'Paragraph', value: 'normal' },
          { title: 'Heading', value: 'h2' },
          { title: 'Subheading', value: 'h3' },
        ],
        lists: [
          { title: 'Bullets', value: 'bullet' },
          { title: 'Numbered steps', value: 'number' },
        ],
        marks: {
          decorators: [{ title: 'Bold', value: 'strong' }],
          annotations: [
            {
              name: 'link',
              type: 'object',
              title: 'Link',
              fields: [
                defineField({
                  name: 'href',
                  title: 'Web address',
                  description: 'A page on this site (starting /) or a web address starting https://.',
                  type: 'url',
                  validation: (rule) => rule.required().uri({ scheme: ['https'], allowRelative: true }),
                }),
              ],
            },
          ],
        },
      }),
      defineArrayMember({ type: 'insetText' }),
      defineArrayMember({ type: 'warningCallout' }),
      defineArrayMember({ type: 'careCard' }),
      defineArrayMember({ type: 'doDontList' }),
    ],
    validation: (rule) => rule.required().min(1).error('Write the body of the page'),
  }),
  defineField({
    name: 'sources',
    title: 'Sources',
    description: 'Every clinical statement on the page must come from one of these.',
    type: 'array',
    of: [defineArrayMember({ type: 'source' })],
    validation: (rule) => rule.required().min(1).error('Add at least one source'),
  }),
];
