/** Names and links that appear on every page. */
export const serviceName = 'First 1,001 days';

/** The main sections, in the header. */
export const headerLinks: readonly { readonly text: string; readonly href: string }[] = [
  { text: 'Stages', href: '/stages' },
  { text: 'Guides', href: '/guides' },
  { text: 'When to get help', href: '/when-to-get-help' },
  { text: 'Vaccines', href: '/vaccines' },
  { text: 'Search', href: '/search' },
  { text: 'Your record', href: '/record' },
];

/** The links in the footer, to pages that exist on this site. */
export const footerLinks: readonly { readonly text: string; readonly href: string }[] = [
  { text: 'Stages of pregnancy and early childhood', href: '/stages' },
  { text: 'Guides', href: '/guides' },
  { text: 'When to get help', href: '/when-to-get-help' },
  { text: 'Vaccines', href: '/vaccines' },
  { text: 'Topics A to Z', href: '/topics' },
  { text: 'Accessibility statement', href: '/accessibility-statement' },
  { text: 'Privacy', href: '/privacy' },
  { text: 'Cookies', href: '/cookies' },
];
