/** Where each kind of guidance lives on the site. One place, so links and the sitemap agree. */
export const guidanceSections = {
  stage: { path: '/stages', name: 'Stages' },
  article: { path: '/guides', name: 'Guides' },
} as const;

/** Returns the site path of a stage or article, such as `/guides/vitamin-d-for-babies`. */
export function guidanceToPath(document: { readonly _type: 'stage' | 'article'; readonly slug: string }): string {
  return `${guidanceSections[document._type].path}/${document.slug}`;
}
