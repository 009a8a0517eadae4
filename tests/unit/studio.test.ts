/**
 * The Studio's own pieces: the desk structure builds and lists what editors expect, the review
 * badges and the publish action behave, and the custom "applies to" input stores days.
 * The GROQ behind the lists is tested on data in content-source.test.ts.
 */
// @vitest-environment jsdom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { createElement } from 'react';
import { ThemeProvider, studioTheme } from '@sanity/ui';
import { createSchema, type DocumentActionComponent, type DocumentActionProps } from 'sanity';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { schemaTypes } from '../../content-schemas/index.ts';
import { getReviewBadge, resetReviewIfBodyChanged } from '../../src/content/guidance-rules.ts';
import { daysToRange, describeRange, rangeToDays } from '../../src/content/age-range.ts';

const patchExecute = vi.fn();
vi.mock('sanity', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  useDocumentOperation: () => ({ patch: { execute: patchExecute } }),
}));

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

describe('desk structure', () => {
  test('builds, with the groups editors asked for and "Review due"', async () => {
    const { createStructureBuilder } = await import('sanity/structure');
    const { createStructure } = await import('../../studio/structure.ts');
    const schema = createSchema({ name: 'default', types: schemaTypes });
    const source = {
      schema,
      getClient: () => ({}),
      i18n: { t: (key: string) => key },
      templates: [],
      document: { resolveNewDocumentOptions: () => [], resolveProductionUrl: async () => undefined, actions: () => [], badges: () => [], unstable_fieldActions: () => [], inspectors: () => [], unstable_languageFilter: () => [], comments: { enabled: () => false } },
      currentUser: null,
    };
    const S = createStructureBuilder({ source: source as never, perspectiveStack: [] });
    const structure = await createStructure(() => '2026-11-25')(S, { schema } as never);
    const list = (structure as { serialize: () => { items: { id: string; title?: string }[] } }).serialize();
    const titles = list.items.map((item) => item.title).filter(Boolean);
    expect(titles).toEqual([
      'Pregnancy week by week',
      'Baby month by month',
      'Toddler',
      'Born early',
      'Topic guides',
      'Topics',
      'When to get help',
      'Vaccines',
      'Review due',
      'People and teams',
      'Site settings',
    ]);
    // "Review due" lists guidance due within 60 days of today, soonest first.
    const reviewItem = (structure as { getItems: () => { getId: () => string; getChild: () => unknown }[] }).getItems().find((item) => item.getId?.() === 'review-due');
    const child = reviewItem?.getChild() as (() => { serialize: () => { options: { filter: string; params: Record<string, unknown>; defaultOrdering: unknown } } }) | undefined;
    const reviewList = child?.().serialize();
    expect(reviewList?.options).toMatchObject({
      filter: '_type in $types && defined(review.nextReviewDue) && review.nextReviewDue <= $dueBy',
      params: { types: ['stage', 'article', 'symptomGuide', 'vaccine'], dueBy: '2027-01-24' },
      defaultOrdering: [{ field: 'review.nextReviewDue', direction: 'asc' }],
    });
  });
});

describe('review badges', () => {
  test.each([
    [null, null],
    [{ nextReviewDue: '2026-11-24' }, 'Review overdue'],
    [{ nextReviewDue: '2026-11-25' }, 'Review due soon'],
    [{ nextReviewDue: '2027-01-24' }, 'Review due soon'],
    [{ nextReviewDue: '2027-01-25' }, null],
  ])('on 2026-11-25, a review %o shows %s', (review, label) => {
    expect(getReviewBadge(review, '2026-11-25')?.label ?? null).toBe(label);
  });
});

describe('publishing a changed body on a reviewed page sends it back for review', () => {
  const reviewed = { status: 'clinically-reviewed', reviewedOn: '2026-01-10', nextReviewDue: '2027-01-10' };
  const published = { body: [{ _key: 'a', text: 'old' }], review: reviewed };

  test.each([
    ['the body changed, same review', { body: [{ _key: 'a', text: 'new' }], review: reviewed }, 'awaiting-clinical-review'],
    ['only the title changed', { body: [{ _key: 'a', text: 'old' }], review: reviewed }, null],
    ['the body changed with a new review date', { body: [{ _key: 'a', text: 'new' }], review: { ...reviewed, reviewedOn: '2026-11-25' } }, null],
    ['the page was never reviewed', { body: [{ _key: 'a', text: 'new' }], review: { ...reviewed, status: 'awaiting-clinical-review' } }, null],
  ])('%s -> %s', (_name, draft, expected) => {
    expect(resetReviewIfBodyChanged(published, draft)?.status ?? null).toBe(expected);
  });

  test('a first publish is left alone', () => {
    expect(resetReviewIfBodyChanged(null, { body: [], review: reviewed })).toBeNull();
  });

  test('the Studio action patches the review before it publishes', async () => {
    const { createPublishWithReviewReset } = await import('../../studio/actions/publish-with-review-reset.ts');
    const calls: string[] = [];
    patchExecute.mockImplementation(() => calls.push('patch'));
    const publish = (() => ({ label: 'Publish', onHandle: () => calls.push('publish') })) as unknown as DocumentActionComponent;
    const action = createPublishWithReviewReset(publish);
    const props = { id: 'article-x', type: 'article', published: published, draft: { body: [{ _key: 'a', text: 'new' }], review: reviewed } } as unknown as DocumentActionProps;
    const description = action(props);
    description?.onHandle?.();
    expect(calls).toEqual(['patch', 'publish']);
    expect(patchExecute).toHaveBeenCalledWith([{ set: { review: { ...reviewed, status: 'awaiting-clinical-review' } } }]);
  });
});

describe('the "applies to" input', () => {
  test.each([
    ['pregnancy', 'weeks', 12, 14, 84, 104],
    ['child', 'months', 6, 9, 183, 303],
    ['child', 'months', 0, 0, 0, 29],
    ['child', 'months', 22, 23, 670, 730],
    ['child', 'days', -126, -1, -126, -1],
  ] as const)('%s %s %i to %i is stored as days %i to %i, and read back the same way', (audience, unit, from, to, fromDay, toDay) => {
    expect(rangeToDays(audience, unit, from, to)).toEqual({ fromDay, toDay });
    expect(daysToRange(audience, fromDay, toDay)).toEqual({ unit, from, to });
  });

  test('describes a range for editors', () => {
    expect(describeRange('pregnancy', 84, 104)).toBe('Pregnancy: weeks 12 to 14 (days 84 to 104)');
  });

  let container: HTMLDivElement | null = null;
  afterEach(() => {
    container?.remove();
    container = null;
  });

  async function renderInput(value: Record<string, unknown>, onChange: (patch: unknown) => void) {
    const { AppliesToRangeInput } = await import('../../studio/components/applies-to-range-input.tsx');
    container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    const props = { value, onChange, elementProps: { id: 'range' } } as never;
    await act(async () => root.render(createElement(ThemeProvider, { theme: studioTheme }, createElement(AppliesToRangeInput, props))));
    return container;
  }

  function typeInto(input: HTMLInputElement | HTMLSelectElement, value: string): void {
    const prototype = input instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  }

  test('renders the stored range in the editor\'s terms', async () => {
    const view = await renderInput({ _type: 'appliesToRange', _key: 'k', audience: 'child', fromDay: 183, toDay: 303 }, () => {});
    expect((view.querySelector('#range-unit') as HTMLSelectElement).value).toBe('months');
    expect((view.querySelector('#range-from') as HTMLInputElement).value).toBe('6');
    expect((view.querySelector('#range-to') as HTMLInputElement).value).toBe('9');
    expect(view.textContent).toContain('Stored as: Age: months 6 to 9 (days 183 to 303)');
  });

  test('stores days when the editor types a range in weeks', async () => {
    const onChange = vi.fn();
    const view = await renderInput({ _type: 'appliesToRange', _key: 'k', audience: 'pregnancy', fromDay: 84, toDay: 90 }, onChange);
    await act(async () => typeInto(view.querySelector('#range-to') as HTMLInputElement, '14'));
    const patch = onChange.mock.calls.at(-1)?.[0] as { type: string; value: Record<string, unknown> };
    expect(patch).toMatchObject({ type: 'set', value: { _type: 'appliesToRange', _key: 'k', audience: 'pregnancy', fromDay: 84, toDay: 104 } });
  });

  test('says what is wrong, and stores nothing, when a number is missing', async () => {
    const onChange = vi.fn();
    const view = await renderInput({ _type: 'appliesToRange', _key: 'k', audience: 'child', fromDay: 0, toDay: 29 }, onChange);
    await act(async () => typeInto(view.querySelector('#range-from') as HTMLInputElement, ''));
    expect(onChange).not.toHaveBeenCalled();
    expect(view.textContent).toContain('Enter whole numbers for both ends of the range');
  });
});
