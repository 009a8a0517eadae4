import { defineType } from 'sanity';
import { guidanceFields } from './guidance-fields.ts';

/** An article: a topic guide, such as feeding, sleep, vaccines or vitamins. */
export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  fields: [...guidanceFields],
  preview: { select: { title: 'title', subtitle: 'summary' } },
});
