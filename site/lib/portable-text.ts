/**
 * Renders guidance bodies (Portable Text) to HTML with the kept renderer `@portabletext/to-html`,
 * mapped to NHS design system components. Output is static HTML: no JavaScript.
 */
import { escapeHTML, toHTML, uriLooksSafe, type PortableTextHtmlComponents } from '@portabletext/to-html';

/** One Portable Text block or custom block, as stored by Sanity. */
export interface PortableTextItem {
  readonly _type: string;
  readonly _key: string;
  readonly [field: string]: unknown;
}

/** How urgent a care card is, and how it is announced to screen reader users. */
const careCardLevels = {
  'non-urgent': { modifier: 'non-urgent', prefix: 'Non-urgent advice: ' },
  urgent: { modifier: 'urgent', prefix: 'Urgent advice: ' },
  emergency: { modifier: 'emergency', prefix: 'Immediate action required: ' },
} as const;

type CareCardLevel = keyof typeof careCardLevels;

/** Plain text with blank lines between paragraphs becomes paragraphs. */
function paragraphsToHtml(text: unknown): string {
  if (typeof text !== 'string') return '';
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHTML(paragraph)}</p>`)
    .join('');
}

function listToHtml(items: unknown): string {
  if (!Array.isArray(items) || items.length === 0) return '';
  return `<ul>${items.filter((item) => typeof item === 'string').map((item) => `<li>${escapeHTML(item)}</li>`).join('')}</ul>`;
}

const tickIcon =
  '<svg class="nhsuk-icon nhsuk-icon--tick" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">' +
  '<path d="M11.4 17.5a2 2 0 0 1-2.7.1h-.1L4 12.8a1.5 1.5 0 0 1 2.1-2L10 14.7l8.1-8.1a1.5 1.5 0 1 1 2.2 2l-8.9 9Z"/></svg>';
const crossIcon =
  '<svg class="nhsuk-icon nhsuk-icon--cross" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">' +
  '<path d="M17 18.5c-.4 0-.8-.1-1.1-.4l-10-10c-.6-.6-.6-1.6 0-2.1.6-.6 1.5-.6 2.1 0l10 10c.6.6.6 1.5 0 2.1-.3.3-.6.4-1 .4z M7 18.5c-.4 0-.8-.1-1.1-.4-.6-.6-.6-1.5 0-2.1l10-10c.6-.6 1.5-.6 2.1 0 .6.6.6 1.5 0 2.1l-10 10c-.3.3-.6.4-1 .4z"/></svg>';

/** An NHS do or don't list: ticks for "Do", crosses for "Don't" (whose items say "do not" themselves). */
function doDontListToHtml(value: Record<string, unknown>): string {
  const isDo = value.kind === 'do';
  const heading = isDo ? 'Do' : "Don't";
  const icon = isDo ? tickIcon : crossIcon;
  const items = Array.isArray(value.items) ? value.items.filter((item): item is string => typeof item === 'string') : [];
  return (
    `<div class="nhsuk-card nhsuk-card--feature"><div class="nhsuk-card__content">` +
    `<h3 class="nhsuk-card__heading">${heading}</h3>` +
    `<ul class="nhsuk-list nhsuk-list--${isDo ? 'tick' : 'cross'}" role="list">` +
    items.map((item) => `<li>${icon}${escapeHTML(item)}</li>`).join('') +
    `</ul></div></div>`
  );
}

/** An NHS table with its caption and column headings. */
function tableToHtml(value: Record<string, unknown>): string {
  const head = Array.isArray(value.head) ? value.head.map(String) : [];
  const rows = Array.isArray(value.rows) ? value.rows.map((row: { cells?: unknown }) => (Array.isArray(row.cells) ? row.cells.map(String) : [])) : [];
  return (
    `<table class="nhsuk-table"><caption class="nhsuk-table__caption">${escapeHTML(String(value.caption ?? ''))}</caption>` +
    `<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">${head.map((cell) => `<th scope="col" class="nhsuk-table__header">${escapeHTML(cell)}</th>`).join('')}</tr></thead>` +
    `<tbody class="nhsuk-table__body">${rows
      .map((cells) => `<tr class="nhsuk-table__row">${cells.map((cell) => `<td class="nhsuk-table__cell">${escapeHTML(cell)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`
  );
}

const components: Partial<PortableTextHtmlComponents> = {
  block: {
    normal: ({ children }) => `<p>${children ?? ''}</p>`,
    h2: ({ children, value }) => `<h2 id="${escapeHTML(value._key ?? '')}">${children ?? ''}</h2>`,
    h3: ({ children }) => `<h3>${children ?? ''}</h3>`,
    h4: ({ children }) => `<h4>${children ?? ''}</h4>`,
    blockquote: ({ children }) => `<blockquote>${children ?? ''}</blockquote>`,
  },
  list: {
    bullet: ({ children }) => `<ul class="nhsuk-list nhsuk-list--bullet">${children ?? ''}</ul>`,
    number: ({ children }) => `<ol class="nhsuk-list nhsuk-list--number">${children ?? ''}</ol>`,
  },
  marks: {
    link: ({ children, value }) => {
      const href = typeof value?.href === 'string' ? value.href : '';
      if (!uriLooksSafe(href)) return children;
      const external = /^https?:\/\//.test(href);
      return `<a href="${escapeHTML(href)}"${external ? ' rel="noopener"' : ''}>${children}</a>`;
    },
  },
  // An unknown custom block renders nothing (the library's default is a hidden div with an
  // inline style, which the Content-Security-Policy would block); an unknown style is a paragraph.
  unknownType: () => '',
  unknownBlockStyle: ({ children }) => `<p>${children ?? ''}</p>`,
  types: {
    doDontList: ({ value }) => doDontListToHtml(value),
    expander: ({ value }) =>
      `<details class="nhsuk-details"><summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">${escapeHTML(String(value.summary ?? ''))}</span></summary>` +
      `<div class="nhsuk-details__text">${paragraphsToHtml(value.text)}</div></details>`,
    dataTable: ({ value }) => tableToHtml(value),
    insetText: ({ value }) =>
      `<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span>${paragraphsToHtml(value.text)}</div>`,
    warningCallout: ({ value }) =>
      `<div class="nhsuk-card nhsuk-card--warning"><div class="nhsuk-card__content">` +
      `<h3 class="nhsuk-card__heading">${escapeHTML(String(value.heading ?? 'Important'))}</h3>` +
      `${paragraphsToHtml(value.text)}</div></div>`,
    careCard: ({ value }) => {
      const level = careCardLevels[(value.urgency as CareCardLevel) in careCardLevels ? (value.urgency as CareCardLevel) : 'non-urgent'];
      return (
        `<div class="nhsuk-card nhsuk-card--care nhsuk-card--care--${level.modifier}">` +
        `<div class="nhsuk-card__heading-container"><h3 class="nhsuk-card__heading">` +
        `<span class="nhsuk-u-visually-hidden">${level.prefix}</span>${escapeHTML(String(value.heading ?? ''))}</h3>` +
        `<span class="nhsuk-card--care__arrow" aria-hidden="true"></span></div>` +
        `<div class="nhsuk-card__content">${listToHtml(value.items)}${paragraphsToHtml(value.text)}</div></div>`
      );
    },
  },
};

/** Renders a guidance body to HTML. Unknown block types render nothing rather than failing. */
export function renderPortableText(body: readonly PortableTextItem[] | null | undefined): string {
  if (!body) return '';
  return toHTML(body as never, { components, onMissingComponent: false });
}

/** The second-level headings of a body, for an "On this page" list. */
export function listBodyHeadings(body: readonly PortableTextItem[] | null | undefined): { readonly id: string; readonly text: string }[] {
  return (body ?? [])
    .filter((item) => item._type === 'block' && item.style === 'h2')
    .map((item) => ({
      id: item._key,
      text: (Array.isArray(item.children) ? item.children : [])
        .map((child: { text?: unknown }) => (typeof child.text === 'string' ? child.text : ''))
        .join(''),
    }));
}
