import { defineType } from 'sanity';
import { guidanceFields, uniqueSlugRule } from './guidance-fields.ts';

/** An article: a topic guide, such as feeding, sleep, crying, safety or money and work. */
export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  validation: uniqueSlugRule,
  fields: [...guidanceFields],
  preview: { select: { title: 'title', subtitle: 'summary' } },
});
