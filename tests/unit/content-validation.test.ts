/**
 * Every bundled document passes the Studio schema's own validation rules, run offline: the same
 * rules an editor sees, with uniqueness checks answered from the dataset through groq-js.
 */
import { evaluate, parse } from 'groq-js';
import { createSchema, validateDocument, type SanityDocument, type Workspace } from 'sanity';
import { describe, expect, test } from 'vitest';
import { schemaTypes } from '../../content-schemas/index.ts';
import { bundledDocuments } from '../fixtures/bundled-content.ts';

const schema = createSchema({ name: 'default', types: schemaTypes });
const ids = new Set(bundledDocuments.map((document) => document._id));

// A stand-in for the Studio's client, answering the queries validators run (such as "is this slug
// unique?") from the bundled dataset.
const client = {
  withConfig: () => client,
  fetch: async (query: string, params: Record<string, unknown> = {}) => (await evaluate(parse(query, { params }), { dataset: [...bundledDocuments], params })).get(),
};
const workspace = {
  schema,
  getClient: () => client,
  i18n: { loadNamespaces: async () => undefined, t: (key: string) => key },
} as unknown as Workspace;

async function validate(document: SanityDocument) {
  return validateDocument({ document, workspace, environment: 'cli', getDocumentExists: async ({ id }) => ids.has(id) });
}

describe('schema validation of the bundled dataset', () => {
  test('every document has a schema type', () => {
    const unknown = bundledDocuments.filter((document) => !schema.get(document._type)).map((document) => document._id);
    expect(unknown).toEqual([]);
  });

  test('no document has a validation error', { timeout: 120_000 }, async () => {
    const errors: string[] = [];
    let warnings = 0;
    for (const document of bundledDocuments) {
      for (const marker of await validate(document as unknown as SanityDocument)) {
        if (marker.level === 'error') errors.push(`${document._id} ${marker.path.join('.')}: ${marker.message}`);
        else warnings += 1;
      }
    }
    console.log(`${bundledDocuments.length} documents validated: ${errors.length} errors, ${warnings} warnings`);
    expect(errors).toEqual([]);
  });

  test.each([
    ['a summary over 160 characters', { summary: 'x'.repeat(161) }, 'Enter a summary of 160 characters or fewer'],
    ['no sources', { sources: [] }, 'Add at least one source with a web address'],
    ['more than 3 key messages', { keyMessages: ['a', 'b', 'c', 'd'] }, 'Add no more than 3 key messages'],
    ['a range ending before it starts', { appliesTo: [{ _key: 'r', _type: 'appliesToRange', audience: 'child', fromDay: 100, toDay: 50 }] }, 'The last day must be the same as or after the first day'],
    ['a pregnancy day past 293', { appliesTo: [{ _key: 'r', _type: 'appliesToRange', audience: 'pregnancy', fromDay: 280, toDay: 300 }] }, 'The last day must be between 0 and 293 for pregnancy'],
    ['a child day before -126', { appliesTo: [{ _key: 'r', _type: 'appliesToRange', audience: 'child', fromDay: -127, toDay: 0 }] }, 'The first day must be between -126 and 1095 for child'],
    [
      'a next review more than 3 years after the review',
      { review: { _type: 'clinicalReview', status: 'clinically-reviewed', reviewedBy: { _type: 'reference', _ref: 'person-content-team' }, reviewedOn: '2026-01-01', nextReviewDue: '2029-01-02' } },
      'The next review must be no more than 3 years after the date of the review',
    ],
    [
      'a next review before the review',
      { review: { _type: 'clinicalReview', status: 'clinically-reviewed', reviewedBy: { _type: 'reference', _ref: 'person-content-team' }, reviewedOn: '2026-01-01', nextReviewDue: '2025-12-31' } },
      'The next review must be after the date of the review',
    ],
    ['an image with no alternative text', { body: [{ _type: 'image', _key: 'i', asset: { _type: 'reference', _ref: 'image-abc-10x10-png' } }] }, 'Enter alternative text that describes the image'],
  ])('rejects %s', async (_name, change, message: string) => {
    const original = bundledDocuments.find((document) => document._id === 'article-safe-sleep');
    expect(original).toBeDefined();
    const markers = await validate({ ...(original as object), ...change } as unknown as SanityDocument);
    const errors = markers.filter((marker) => marker.level === 'error').map((marker) => marker.message);
    expect(errors).toContain(message);
  });

  test('tells the editor when another page of the same kind already has the web address', async () => {
    // Offline, Sanity reports this async check at warning level (the slug type's own check does the same);
    // the bundled dataset's slugs are also checked for uniqueness directly in bundled-content.test.ts.
    const original = bundledDocuments.find((document) => document._id === 'article-safe-sleep');
    const markers = await validate({ ...(original as object), _id: 'article-copy' } as unknown as SanityDocument);
    expect(markers.map((marker) => marker.message)).toContain('Another page of this kind already uses this web address. Change the web address');
    const unique = await validate({ ...(original as object), _id: 'article-copy', slug: { _type: 'slug', current: 'a-new-address' } } as unknown as SanityDocument);
    expect(unique.map((marker) => marker.message)).not.toContain('Another page of this kind already uses this web address. Change the web address');
  });

  test('warns, without blocking, when a page reads above about age 11', async () => {
    const original = bundledDocuments.find((document) => document._id === 'article-safe-sleep');
    const hard = 'Notwithstanding considerable epidemiological heterogeneity, contemporaneous investigations substantiate recommendations emphasising supine positioning, unencumbered sleeping environments and avoidance of environmental tobacco exposure throughout infancy.';
    const body = Array.from({ length: 4 }, (_, index) => ({ _type: 'block', _key: `h${index}`, style: 'normal', markDefs: [], children: [{ _type: 'span', _key: `s${index}`, text: hard, marks: [] }] }));
    const markers = await validate({ ...(original as object), body } as unknown as SanityDocument);
    expect(markers.filter((marker) => marker.level === 'error')).toEqual([]);
    expect(markers.find((marker) => marker.level === 'warning' && /reads at about age/.test(marker.message))).toBeDefined();
  });
});
