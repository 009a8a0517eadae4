/** Where each kind of content lives on the site. One place, so links, the sitemap and the Studio agree. */
export const guidanceSections = {
  stage: { path: '/stages', name: 'Stages' },
  article: { path: '/guides', name: 'Guides' },
  symptomGuide: { path: '/when-to-get-help', name: 'When to get help' },
  vaccine: { path: '/vaccines', name: 'Vaccines' },
} as const;

/** The kinds of guidance document. */
export type GuidanceType = keyof typeof guidanceSections;

/** Returns the site path of a guidance document, such as `/guides/safe-sleep`. */
export function guidanceToPath(document: { readonly _type: GuidanceType; readonly slug: string }): string {
  return `${guidanceSections[document._type].path}/${document.slug}`;
}
