import { defineArrayMember, defineField, type DocumentRule } from 'sanity';
import { calculateReadingAge, portableTextToPlainText, readingAgeWarningAbove } from '../src/content/readability.ts';

/** True when another document of the same type (not this one, its draft or a release version) has the slug. */
const uniqueSlugQuery = 'defined(*[_type == $type && slug.current == $slug && !(_id in [$published, $draft]) && !(_id in path("versions.**"))][0]._id)';

/**
 * Document-level rule: no two guidance documents of one type share a web address. (Kept at document
 * level so it is an error: the slug type's own check reports only a warning.)
 */
export const uniqueSlugRule = (rule: DocumentRule): DocumentRule =>
  rule.custom(async (document, context) => {
    const current = (document as { slug?: { current?: string } } | undefined)?.slug?.current;
    if (!current || !document) return true;
    const published = document._id.replace(/^drafts\./, '');
    const taken = await context
      .getClient({ apiVersion: '2025-02-19' })
      .fetch<boolean>(uniqueSlugQuery, { type: document._type, slug: current, published, draft: `drafts.${published}` });
    return taken ? { message: 'Another page of this kind already uses this web address. Change the web address', path: ['slug'] } : true;
  }).error();

/** Link annotation: a page on this site (starting /) or an https address. */
const linkAnnotation = {
  name: 'link',
  type: 'object',
  title: 'Link',
  fields: [
    defineField({
      name: 'href',
      title: 'Web address',
      description: 'A page on this site (starting /) or a web address starting https://.',
      type: 'url',
      validation: (rule) => rule.required().uri({ scheme: ['https'], allowRelative: true }).error('Enter a page on this site starting / or a web address starting https://'),
    }),
  ],
};

/** The body: Portable Text with NHS components. */
export const guidanceBody = defineField({
  name: 'body',
  title: 'Body',
  description: 'Start with what the reader needs most. Short sections with headings that say what is in them.',
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
      marks: { decorators: [{ title: 'Bold', value: 'strong' }], annotations: [linkAnnotation] },
    }),
    defineArrayMember({ type: 'insetText' }),
    defineArrayMember({ type: 'warningCallout' }),
    defineArrayMember({ type: 'careCard' }),
    defineArrayMember({ type: 'expander' }),
    defineArrayMember({ type: 'doDontList' }),
    defineArrayMember({ type: 'dataTable' }),
    defineArrayMember({
      type: 'image',
      fields: [
        defineField({
          name: 'alt',
          title: 'Alternative text',
          description: 'Describe what the image shows for people who cannot see it. Leave nothing out that matters.',
          type: 'string',
          validation: (rule) => rule.required().error('Enter alternative text that describes the image'),
        }),
      ],
    }),
  ],
  validation: (rule) => [
    rule.required().min(1).error('Write the body of the page'),
    rule
      .custom((body) => {
        const readingAge = calculateReadingAge(portableTextToPlainText(body as unknown[] | undefined));
        return readingAge !== null && readingAge > readingAgeWarningAbove
          ? `This page reads at about age ${Math.round(readingAge)}. Aim for about 9: use shorter sentences and everyday words.`
          : true;
      })
      .warning(),
  ],
});

/** The fields every guidance document has. Other code relies on these names. */
export const guidanceFields = [
  defineField({
    name: 'title',
    title: 'Title',
    description: 'What the page is about, in the words a parent would use. For example: "Safe sleep for your baby".',
    type: 'string',
    validation: (rule) => [rule.required().error('Enter a title'), rule.max(80).error('Enter a title of 80 characters or fewer')],
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
    validation: (rule) => [rule.required().error('Enter a summary'), rule.max(160).error('Enter a summary of 160 characters or fewer')],
  }),
  guidanceBody,
  defineField({
    name: 'topics',
    title: 'Topics',
    type: 'array',
    of: [defineArrayMember({ type: 'reference', to: [{ type: 'topic' }] })],
    validation: (rule) => rule.unique().error('Add each topic only once'),
  }),
  defineField({
    name: 'appliesTo',
    title: 'Applies to',
    description: 'The pregnancy weeks or child ages this guidance is for. Add more than one range if it applies to both.',
    type: 'array',
    of: [defineArrayMember({ type: 'appliesToRange' })],
    validation: (rule) => rule.required().min(1).error('Add at least one range of days this guidance applies to'),
  }),
  defineField({
    name: 'ageBasis',
    title: 'Which age to match on',
    description:
      'Corrected age for guidance about the baby\'s development and feeding. Actual (chronological) age for guidance about the parent, vaccines, and anything the source ties to actual age. For a baby born early, say in the body which age applies.',
    type: 'string',
    options: {
      list: [
        { title: 'Corrected age (baby development and feeding)', value: 'corrected' },
        { title: 'Actual age (parents, vaccines, anything tied to actual age)', value: 'chronological' },
      ],
      layout: 'radio',
    },
    validation: (rule) => rule.required().error('Choose which age this guidance is matched on'),
  }),
  defineField({
    name: 'priority',
    title: 'Priority',
    description: 'Order within a stage or timeline card: lower numbers show first. 10 is normal; use 1 to 9 for what matters most.',
    type: 'number',
    initialValue: 10,
    validation: (rule) => rule.required().integer().min(0).max(100).error('Enter a whole number from 0 to 100'),
  }),
  defineField({
    name: 'keyMessages',
    title: 'Key messages',
    description: 'Up to 3 short lines for timeline cards and the top of the page.',
    type: 'array',
    of: [defineArrayMember({ type: 'string', validation: (rule) => rule.max(120).error('Keep each key message to 120 characters or fewer') })],
    validation: (rule) => rule.max(3).error('Add no more than 3 key messages'),
  }),
  defineField({
    name: 'language',
    title: 'Language',
    type: 'string',
    options: { list: [{ title: 'English (UK)', value: 'en-GB' }, { title: 'Welsh', value: 'cy' }] },
    initialValue: 'en-GB',
    validation: (rule) => rule.required().error('Choose the language of this page'),
  }),
  defineField({
    name: 'translationOf',
    title: 'Translation of',
    description: 'For a translation: the English page it translates.',
    type: 'reference',
    to: [{ type: 'stage' }, { type: 'article' }, { type: 'symptomGuide' }, { type: 'vaccine' }],
    hidden: ({ document }) => (document?.language ?? 'en-GB') === 'en-GB',
  }),
  defineField({
    name: 'sources',
    title: 'Sources',
    description: 'Every clinical statement on the page must come from one of these.',
    type: 'array',
    of: [defineArrayMember({ type: 'source' })],
    validation: (rule) => rule.required().min(1).error('Add at least one source with a web address'),
  }),
  defineField({ name: 'review', title: 'Review', type: 'clinicalReview', validation: (rule) => rule.required().error('Fill in the review') }),
];
