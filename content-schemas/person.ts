import { defineField, defineType } from 'sanity';

/** Someone who writes or reviews guidance, named by role. */
export const person = defineType({
  name: 'person',
  title: 'Person or team',
  type: 'document',
  fields: [
    defineField({ name: 'name', title: 'Name', description: 'A person\'s name, or a team\'s, such as "Content team".', type: 'string', validation: (rule) => rule.required().error('Enter a name') }),
    defineField({
      name: 'role',
      title: 'Role',
      type: 'string',
      options: {
        list: [
          { title: 'Content designer', value: 'content-designer' },
          { title: 'Clinical reviewer', value: 'clinical-reviewer' },
          { title: 'Editor', value: 'editor' },
        ],
        layout: 'radio',
      },
      validation: (rule) => rule.required().error('Choose a role'),
    }),
    defineField({ name: 'jobTitle', title: 'Job title', description: 'For example: "Health visitor", "Consultant paediatrician".', type: 'string' }),
  ],
  preview: { select: { title: 'name', subtitle: 'jobTitle' } },
});
