/**
 * The editors' desk: guidance grouped the way they think about it, and "Review due" listing every
 * page whose next review is overdue or due within 60 days, soonest first. The filters are the GROQ
 * in src/content/queries.ts, tested on the bundled dataset.
 */
import type { StructureResolver } from 'sanity/structure';
import { guidanceTypes, reviewDueFilter, reviewDueOrdering, stageGroupFilter, stageOrdering } from '../src/content/queries.ts';
import { reviewDueSoonDays } from '../src/content/guidance-rules.ts';
import { addDays, instantToLondonDate } from '../src/dates/index.ts';

const stageGroups = [
  { group: 'pregnancy', title: 'Pregnancy week by week' },
  { group: 'baby', title: 'Baby month by month' },
  { group: 'toddler', title: 'Toddler' },
  { group: 'born-early', title: 'Born early' },
] as const;

/** Builds the desk structure. `today` is passed in so tests can fix it. */
export function createStructure(today: () => string = () => instantToLondonDate(new Date())): StructureResolver {
  return (S) =>
    S.list()
      .title('Guidance')
      .items([
        ...stageGroups.map(({ group, title }) =>
          S.listItem()
            .id(`stages-${group}`)
            .title(title)
            .schemaType('stage')
            .child(
              S.documentTypeList('stage')
                .title(title)
                .filter(stageGroupFilter)
                .params({ group })
                .defaultOrdering([...stageOrdering]),
            ),
        ),
        S.divider(),
        S.documentTypeListItem('article').title('Topic guides'),
        S.documentTypeListItem('topic').title('Topics'),
        S.documentTypeListItem('symptomGuide').title('When to get help'),
        S.documentTypeListItem('vaccine').title('Vaccines'),
        S.divider(),
        S.listItem()
          .id('review-due')
          .title('Review due')
          .child(() =>
            S.documentList()
              .id('review-due-list')
              .title(`Review overdue or due within ${reviewDueSoonDays} days`)
              .filter(reviewDueFilter)
              .params({ types: [...guidanceTypes], dueBy: addDays(today(), reviewDueSoonDays) })
              .defaultOrdering([...reviewDueOrdering]),
          ),
        S.divider(),
        S.documentTypeListItem('person').title('People and teams'),
        S.listItem().id('site-settings').title('Site settings').child(S.document().schemaType('siteSettings').documentId('siteSettings')),
      ]);
}
