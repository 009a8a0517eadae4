/**
 * The bundled guidance: enough of it, covering every day of the 1,001 days, with every reference and
 * link resolving, no filler, and reading levels reported by document type.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isUnpublishedId } from '../../src/content/groq-source.ts';
import { guidanceSections, guidanceToPath, type GuidanceType } from '../../src/content/paths.ts';
import { calculateReadingAge, countWords, portableTextToPlainText } from '../../src/content/readability.ts';
import { evaluate, parse } from 'groq-js';
import { createDatasetSource } from '../../src/content/dataset.ts';
import { listReviewDue, stageGroupFilter } from '../../src/content/queries.ts';
import { bundledDocuments, guidanceOfType, type StoredGuidance } from '../fixtures/bundled-content.ts';

const guidanceTypes = Object.keys(guidanceSections) as GuidanceType[];
const guidance = guidanceTypes.flatMap((type) => guidanceOfType(type));
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2 : (sorted[middle] ?? 0);
};
const bodyText = (document: StoredGuidance): string => portableTextToPlainText(document.body);

describe('the bundled dataset', () => {
  test('holds only published documents', () => {
    expect(bundledDocuments.filter((document) => isUnpublishedId(document._id)).map((document) => document._id)).toEqual([]);
  });

  test.each([
    ['stage', 57],
    ['article', 25],
    ['symptomGuide', 10],
    ['vaccine', 7],
  ])('has at least the required number of %s documents (%i)', (type, minimum) => {
    expect(guidanceOfType(type).length).toBeGreaterThanOrEqual(minimum);
  });

  test.each([
    ['pregnancy', 0, 293],
    ['child', 0, 730],
  ] as const)('every %s day from %i to %i has a stage page', (audience, first, last) => {
    const stages = guidanceOfType('stage');
    const uncovered: number[] = [];
    for (let day = first; day <= last; day += 1) {
      if (!stages.some((stage) => stage.appliesTo.some((range) => range.audience === audience && range.fromDay <= day && range.toDay >= day))) uncovered.push(day);
    }
    expect(uncovered).toEqual([]);
  });

  test('a baby born early and not yet due has the "born early" stage, down to 22 weeks (126 days early)', () => {
    const bornEarly = guidanceOfType('stage').filter((stage) => stage.stageGroup === 'born-early');
    expect(bornEarly.some((stage) => stage.appliesTo.some((range) => range.audience === 'child' && range.fromDay <= -126 && range.toDay >= -1))).toBe(true);
  });

  test('stage pages do not overlap within a group, so each day has one stage', () => {
    for (const audience of ['pregnancy', 'child'] as const) {
      const ranges = guidanceOfType('stage')
        .flatMap((stage) => stage.appliesTo.filter((range) => range.audience === audience).map((range) => ({ ...range, id: stage._id })))
        .sort((a, b) => a.fromDay - b.fromDay);
      for (let index = 1; index < ranges.length; index += 1) {
        const previous = ranges[index - 1];
        const current = ranges[index];
        expect(current && previous && current.fromDay > previous.toDay, `${previous?.id} overlaps ${current?.id}`).toBe(true);
      }
    }
  });

  test('slugs are unique within each type, and ids are unique', () => {
    for (const type of guidanceTypes) {
      const slugs = guidanceOfType(type).map((document) => document.slug.current);
      expect(new Set(slugs).size, type).toBe(slugs.length);
    }
    const ids = bundledDocuments.map((document) => document._id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every reference resolves to a document in the dataset', () => {
    const ids = new Set(bundledDocuments.map((document) => document._id));
    const missing: string[] = [];
    const visit = (value: unknown, owner: string): void => {
      if (Array.isArray(value)) value.forEach((item) => visit(item, owner));
      else if (typeof value === 'object' && value !== null) {
        const record = value as Record<string, unknown>;
        if (record._type === 'reference' && typeof record._ref === 'string' && !ids.has(record._ref)) missing.push(`${owner} -> ${record._ref}`);
        Object.values(record).forEach((item) => visit(item, owner));
      }
    };
    bundledDocuments.forEach((document) => visit(document, document._id));
    expect(missing).toEqual([]);
  });

  test('every link inside the guidance goes to a page that exists, or to an https address', () => {
    const paths = new Set(guidance.map((document) => guidanceToPath({ _type: document._type as GuidanceType, slug: document.slug.current })));
    const broken: string[] = [];
    for (const document of guidance) {
      for (const block of document.body) {
        for (const mark of (block.markDefs as { href?: string }[] | undefined) ?? []) {
          const href = mark.href ?? '';
          if (!(href.startsWith('https://') || paths.has(href))) broken.push(`${document._id}: ${href}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  test('every guidance document has sources, a review, a summary of 160 characters or fewer and up to 3 key messages', () => {
    for (const document of guidance) {
      expect.soft(document.sources.length, document._id).toBeGreaterThan(0);
      for (const source of document.sources) expect.soft(source.url, document._id).toMatch(/^https:\/\//);
      expect.soft(document.summary.length, document._id).toBeLessThanOrEqual(160);
      expect.soft(((document as { keyMessages?: string[] }).keyMessages ?? []).length, document._id).toBeLessThanOrEqual(3);
      // Honest about review: nothing bundled has been signed off by a clinician yet.
      expect.soft(document.review.status, document._id).toBe('awaiting-clinical-review');
    }
  });

  test('no filler or placeholder text', () => {
    const filler = /lorem|ipsum|\bTODO\b|\bTBC\b|\bTBD\b|placeholder|xxx|insert (text|here)|coming soon/i;
    const offenders = guidance.filter((document) => filler.test(`${document.title} ${document.summary} ${bodyText(document)}`)).map((document) => document._id);
    expect(offenders).toEqual([]);
  });

  test('no markdown is left in text: links are real links or plain words', () => {
    const offenders = bundledDocuments.filter((document) => /\]\(|\*\*/.test(JSON.stringify(document))).map((document) => document._id);
    expect(offenders).toEqual([]);
  });

  test('articles have a median body of at least 250 words', () => {
    expect(median(guidanceOfType('article').map((document) => countWords(bodyText(document))))).toBeGreaterThanOrEqual(250);
  });

  test('vaccine pages exist for every routine vaccine for 0 to 2 and for the pregnancy vaccines', () => {
    const codes = new Set(guidanceOfType('vaccine').map((document) => document.code));
    for (const code of ['dtap-ipv-hib-hepb', 'menb', 'rotavirus', 'pcv', 'mmrv', 'pertussis-pregnancy', 'rsv-pregnancy', 'flu-pregnancy']) expect(codes.has(code), code).toBe(true);
  });

  test('the hardest moments are covered', () => {
    const slugs = new Set(guidanceOfType('article').map((document) => document.slug.current));
    for (const slug of ['miscarriage-and-pregnancy-loss', 'stillbirth-and-neonatal-death', 'twins-and-multiple-births', 'your-baby-in-neonatal-care']) expect(slugs.has(slug), slug).toBe(true);
  });

  test('pages about loss never offer congratulations', () => {
    const loss = guidance.filter((document) => (document.topics ?? []).some((topic) => topic._ref === 'topic-loss-and-grief'));
    expect(loss.length).toBeGreaterThan(0);
    for (const document of loss) expect(bodyText(document), document._id).not.toMatch(/congratulat/i);
  });

  test('reading level by document type (reported, and no type averages above age 11)', () => {
    const report = guidanceTypes.map((type) => {
      const ages = guidanceOfType(type).map((document) => calculateReadingAge(bodyText(document))).filter((age): age is number => age !== null);
      const words = guidanceOfType(type).map((document) => countWords(bodyText(document)));
      return { type, documents: words.length, medianWords: median(words), medianReadingAge: Math.round(median(ages) * 10) / 10, highestReadingAge: Math.max(...ages), over11: ages.filter((age) => age > 11).length };
    });
    mkdirSync(new URL('../../.test-output/', import.meta.url), { recursive: true });
    writeFileSync(new URL('../../.test-output/content-report.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
    console.log(report.map((row) => `${row.type}: ${row.documents} documents, median ${row.medianWords} words, median reading age ${row.medianReadingAge}, highest ${row.highestReadingAge}, ${row.over11} above 11`).join('\n'));
    for (const row of report) expect(row.medianReadingAge, row.type).toBeLessThanOrEqual(11);
  });
});

describe("the Studio's lists on the bundled dataset", () => {
  test.each([
    ['pregnancy', 39],
    ['born-early', 1],
    ['baby', 12],
    ['toddler', 6],
  ])('the %s desk list has %i stages', async (group, count) => {
    const ids = await (await evaluate(parse(`*[${stageGroupFilter}]._id`), { dataset: [...bundledDocuments], params: { group } })).get();
    expect(ids).toHaveLength(count);
  });

  test('"Review due" is empty 60 days from today, and lists every guidance page once their review date comes round', async () => {
    const source = createDatasetSource(bundledDocuments);
    expect(await listReviewDue(source, '2027-01-24')).toEqual([]);
    expect(await listReviewDue(source, '2027-05-25')).toHaveLength(guidance.length);
  });
});
