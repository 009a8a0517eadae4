import { defineArrayMember, defineField, defineType } from 'sanity';

const linkList = (name: string, title: string) =>
  defineField({
    name,
    title,
    type: 'array',
    of: [
      defineArrayMember({
        type: 'object',
        name: 'navigationLink',
        fields: [
          defineField({ name: 'label', title: 'Link text', type: 'string', validation: (rule) => rule.required().error('Enter the link text') }),
          defineField({ name: 'href', title: 'Address', description: 'A page on this site (starting /) or an https address.', type: 'url', validation: (rule) => rule.required().uri({ scheme: ['https'], allowRelative: true }).error('Enter a page starting / or an https address') }),
        ],
        preview: { select: { title: 'label', subtitle: 'href' } },
      }),
    ],
  });

/** The one settings document: service name, navigation and contact links. */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  fields: [
    defineField({ name: 'serviceName', title: 'Service name', type: 'string', validation: (rule) => rule.required().error('Enter the service name') }),
    linkList('navigation', 'Header navigation'),
    linkList('contactLinks', 'Footer links'),
  ],
  preview: { prepare: () => ({ title: 'Site settings' }) },
});
