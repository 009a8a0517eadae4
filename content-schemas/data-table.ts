import { defineArrayMember, defineField, defineType } from 'sanity';

/** An NHS table with a caption and a header row, for facts that compare (such as vaccines by age). */
export const dataTable = defineType({
  name: 'dataTable',
  title: 'Table',
  type: 'object',
  fields: [
    defineField({ name: 'caption', title: 'Caption', description: 'Says what the table shows. Screen readers read it first.', type: 'string', validation: (rule) => rule.required().error('Enter a caption') }),
    defineField({ name: 'head', title: 'Column headings', type: 'array', of: [defineArrayMember({ type: 'string' })], validation: (rule) => rule.required().min(1).error('Add at least one column heading') }),
    defineField({
      name: 'rows',
      title: 'Rows',
      type: 'array',
      of: [
        defineArrayMember({
          type: 'object',
          name: 'tableRow',
          title: 'Row',
          fields: [defineField({ name: 'cells', title: 'Cells', type: 'array', of: [defineArrayMember({ type: 'string' })] })],
          preview: { select: { cells: 'cells' }, prepare: ({ cells }) => ({ title: (cells ?? []).join(' | ') }) },
        }),
      ],
      validation: (rule) =>
        rule.required().min(1).error('Add at least one row').custom((rows, context) => {
          const columns = (context.parent as { head?: string[] } | undefined)?.head?.length ?? 0;
          const uneven = (rows as { cells?: string[] }[] | undefined)?.some((row) => (row.cells?.length ?? 0) !== columns);
          return uneven ? 'Every row needs one cell for each column heading' : true;
        }),
    }),
  ],
  preview: { select: { title: 'caption' }, prepare: ({ title }) => ({ title, subtitle: 'Table' }) },
});
