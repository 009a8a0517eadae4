import { describe, expect, test } from 'vitest';
import { listBodyHeadings, renderPortableText } from '../../site/lib/portable-text.ts';

const block = (key: string, text: string, style = 'normal', extra: Record<string, unknown> = {}) => ({
  _type: 'block',
  _key: key,
  style,
  markDefs: [],
  children: [{ _type: 'span', _key: `${key}-s`, text, marks: [] }],
  ...extra,
});

describe('renderPortableText', () => {
  test('escapes text, so content can never inject markup', () => {
    expect(renderPortableText([block('a', '<script>alert(1)</script>')])).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  test('gives second-level headings an id for the contents list', () => {
    expect(renderPortableText([block('k1', 'Feeding', 'h2')])).toBe('<h2 id="k1">Feeding</h2>');
    expect(listBodyHeadings([block('k1', 'Feeding', 'h2'), block('k2', 'text'), block('k3', 'Sleep', 'h2')])).toEqual([
      { id: 'k1', text: 'Feeding' },
      { id: 'k3', text: 'Sleep' },
    ]);
  });

  test.each([
    ['https://www.nhs.uk/', '<a href="https://www.nhs.uk/" rel="noopener">NHS</a>'],
    ['/guides/safe-sleep', '<a href="/guides/safe-sleep">NHS</a>'],
    ['javascript:alert(1)', 'NHS'],
  ])('renders a link to %s safely', (href, expected) => {
    const linked = {
      _type: 'block',
      _key: 'l',
      style: 'normal',
      markDefs: [{ _type: 'link', _key: 'm', href }],
      children: [{ _type: 'span', _key: 's', text: 'NHS', marks: ['m'] }],
    };
    expect(renderPortableText([linked])).toBe(`<p>${expected}</p>`);
  });

  test('renders bullet lists with NHS list classes', () => {
    const html = renderPortableText([block('a', 'one', 'normal', { listItem: 'bullet', level: 1 }), block('b', 'two', 'normal', { listItem: 'bullet', level: 1 })]);
    expect(html).toBe('<ul class="nhsuk-list nhsuk-list--bullet"><li>one</li><li>two</li></ul>');
  });

  test.each([
    ['emergency', 'nhsuk-card--care--emergency', 'Immediate action required: '],
    ['urgent', 'nhsuk-card--care--urgent', 'Urgent advice: '],
    ['non-urgent', 'nhsuk-card--care--non-urgent', 'Non-urgent advice: '],
    ['something else', 'nhsuk-card--care--non-urgent', 'Non-urgent advice: '],
  ])('renders a %s care card announced to screen readers', (urgency, modifier, prefix) => {
    const html = renderPortableText([{ _type: 'careCard', _key: 'c', urgency, heading: 'Call 111 if:', items: ['a <b>'], text: 'Trust yourself.' }]);
    expect(html).toContain(modifier);
    expect(html).toContain(`<span class="nhsuk-u-visually-hidden">${prefix}</span>Call 111 if:`);
    expect(html).toContain('<li>a &lt;b&gt;</li>');
    expect(html).toContain('<p>Trust yourself.</p>');
  });

  test("renders do and don't lists with ticks and crosses", () => {
    expect(renderPortableText([{ _type: 'doDontList', _key: 'd', kind: 'do', items: ['sleep on back'] }])).toMatch(/nhsuk-list--tick.*sleep on back/);
    expect(renderPortableText([{ _type: 'doDontList', _key: 'd', kind: 'dont', items: ['do not smoke'] }])).toMatch(/Don't.*nhsuk-list--cross.*do not smoke/);
  });

  test('renders inset text and warning callouts as paragraphs', () => {
    expect(renderPortableText([{ _type: 'insetText', _key: 'i', text: 'One.\n\nTwo.' }])).toBe(
      '<div class="nhsuk-inset-text"><span class="nhsuk-u-visually-hidden">Information: </span><p>One.</p><p>Two.</p></div>',
    );
    expect(renderPortableText([{ _type: 'warningCallout', _key: 'w', heading: 'Important', text: 'Take care.' }])).toContain(
      '<h3 class="nhsuk-card__heading">Important</h3><p>Take care.</p>',
    );
  });

  test('renders nothing, rather than failing, for an unknown block type', () => {
    expect(renderPortableText([{ _type: 'mystery', _key: 'x' }])).toBe('');
  });
});
