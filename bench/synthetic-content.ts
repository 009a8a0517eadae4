/**
 * Synthetic guidance datasets for the build-scaling benchmark: the bundled dataset (stages, topics,
 * vaccines, site settings…) plus generated articles up to a given number of documents. Bench data only,
 * never shipped or imported into Sanity.
 *
 * Each article has the shape of a real one (audience and day range, topics, key messages, sources, a
 * clinical review with dates) so the site builds it like any other. Its text mixes sentences taken from
 * the bundled guidance with sentences made from a parenting vocabulary, so no two articles read alike and
 * the search index has realistic variety. A fixed seed per article keeps every run's datasets identical.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDatasetNdjson, type SanityDocument } from '../src/content/dataset.ts';
import { createRandom } from '../scripts/seeded-random.ts';

const bundledDatasetPath = fileURLToPath(new URL('../studio/data/production.ndjson', import.meta.url));

const themes = [
  'sleep', 'teething', 'fever', 'breastfeeding', 'bottle feeding', 'weaning', 'colic', 'reflux', 'constipation', 'eczema',
  'nappy rash', 'coughs and colds', 'hiccups', 'jaundice', 'oral thrush', 'croup', 'crawling', 'first steps', 'tantrums',
  'potty training', 'vaccines', 'vitamin D', 'food allergies', 'choking', 'bath time', 'dummies', 'cradle cap', 'swaddling',
  'baby massage', 'sun safety', 'car seats', 'travelling abroad', 'childcare', 'going back to work', 'tummy time', 'babbling',
  'first words', 'fussy eating', 'drinking from a cup', 'tooth brushing', 'sleep regression', 'night feeds', 'expressing milk',
  'morning sickness', 'pelvic floor', 'heartburn in pregnancy', 'antenatal classes', 'birth plans', 'baby blues', 'screen time',
];
const ages = [
  'in the first week', 'in the first month', 'at 6 weeks', 'at 3 months', 'at 4 months', 'at 6 months', 'at 9 months',
  'at 1 year', 'at 18 months', 'at 2 years', 'in early pregnancy', 'in the third trimester', 'after the birth', 'at night',
];
const subjects = [
  'Your baby', 'A newborn', 'Your toddler', 'Many parents', 'Your health visitor', 'Your midwife', 'Your partner', 'Young children',
  'Some babies', 'Most families', 'Your GP', 'A pharmacist', 'Grandparents', 'Childminders', 'Twins',
];
const verbs = [
  'may need', 'often enjoy', 'can try', 'should avoid', 'will notice', 'might prefer', 'usually get', 'can learn about', 'often ask about',
  'may start', 'can help with', 'should check', 'will talk about', 'sometimes worry about', 'can plan',
];
const objects = [
  'gentle teething rings', 'a warm bath before bed', 'small finger foods', 'regular nappy changes', 'skin to skin contact',
  'a calm bedtime routine', 'vitamin D drops', 'cooled boiled water', 'soft mashed vegetables', 'a firm flat mattress',
  'tummy time on the floor', 'picture books with bright colours', 'a sling or carrier', 'paracetamol made for babies',
  'an open cup', 'first infant formula', 'iron-rich foods', 'sun cream and a wide hat', 'a rear-facing car seat', 'a soft toothbrush',
  'a fluoride toothpaste smear', 'a room thermometer', 'emollient cream', 'a baby monitor', 'a fireguard', 'stair gates',
  'a steriliser', 'breast pads', 'a nursing pillow', 'lullabies and songs', 'peekaboo games', 'stacking cups', 'a potty',
];
const contexts = [
  'at night', 'after a feed', 'during the day', 'in the first few weeks', 'around 6 months', 'when they are unwell',
  'before their vaccinations', 'at nursery', 'on long journeys', 'when teeth come through', 'on hot days', 'in cold weather',
  'after a bath', 'at mealtimes', 'during growth spurts', 'when visiting family',
];
const worries = [
  'your baby has a high temperature', 'a rash does not fade under a glass', 'your baby is not feeding', 'your toddler is wheezing',
  'your baby has fewer wet nappies', 'your child is unusually sleepy', 'a cough lasts more than 3 weeks', 'your baby is being sick often',
  'your baby has blood in their poo', 'you feel low for more than 2 weeks',
];
const actions = [
  'call 111', 'speak to your health visitor', 'ask your pharmacist', 'book a GP appointment', 'call your midwife',
  'go to your nearest urgent treatment centre', 'call 999 if they struggle to breathe',
];
const publishers = [
  ['Your baby\'s health and development reviews', 'NHS', 'https://www.nhs.uk/baby/'],
  ['Start for Life', 'NHS', 'https://www.nhs.uk/start-for-life/'],
  ['Safer sleep advice', 'The Lullaby Trust', 'https://www.lullabytrust.org.uk/safer-sleep-advice/'],
  ['Baby Friendly Initiative', 'UNICEF UK', 'https://www.unicef.org.uk/babyfriendly/'],
  ['Healthy Start', 'NHS', 'https://www.healthystart.nhs.uk/'],
] as const;
const topicIds = [
  'topic-allergies', 'topic-bonding', 'topic-crying-and-soothing', 'topic-development-and-play', 'topic-feeding', 'topic-growth',
  'topic-immunisations', 'topic-mental-health', 'topic-money-and-work', 'topic-neonatal-care', 'topic-pregnancy-health',
  'topic-safety', 'topic-screening-and-checks', 'topic-sleep', 'topic-talking', 'topic-teeth', 'topic-twins-and-multiples',
  'topic-vitamins', 'topic-weaning', 'topic-when-to-get-help',
];

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Sentences from the bundled guidance's paragraphs: real words in real proportions. */
function listBundledSentences(documents: readonly SanityDocument[]): string[] {
  const sentences: string[] = [];
  for (const document of documents) {
    for (const block of (document.body ?? []) as { _type?: string; style?: string; listItem?: string; children?: { text?: string }[] }[]) {
      if (block._type !== 'block' || block.style !== 'normal' || block.listItem) continue;
      const text = (block.children ?? []).map((child) => child.text ?? '').join('');
      for (const sentence of text.split(/(?<=[.!?])\s+/)) {
        if (sentence.length >= 40 && sentence.length <= 220) sentences.push(sentence);
      }
    }
  }
  return sentences;
}

/** Creates one synthetic article, numbered `index`, in the bundled dataset's format. */
function createSyntheticArticle(index: number, bundledSentences: readonly string[]): SanityDocument {
  const random = createRandom(index * 7919 + 1001);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const key = () => [random(), random()].map((part) => Math.floor(part * 2 ** 24).toString(16).padStart(6, '0')).join('');
  const span = (text: string) => ({ _type: 'span', _key: key(), text, marks: [] });
  const block = (text: string, style = 'normal', listItem?: 'bullet') => ({
    _type: 'block',
    _key: key(),
    style,
    markDefs: [],
    children: [span(text)],
    ...(listItem ? { listItem, level: 1 } : {}),
  });
  const madeSentence = () =>
    random() < 0.3 ? `If ${pick(worries)}, ${pick(actions)}.` : `${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(contexts)}.`;
  const sentence = () => (random() < 0.5 ? pick(bundledSentences) : madeSentence());

  const theme = pick(themes);
  const otherTheme = pick(themes.filter((other) => other !== theme));
  const age = pick(ages);
  const title = `${capitalise(theme)} and ${otherTheme} ${age}`;
  const isPregnancy = /pregnancy|trimester|antenatal|birth plans|morning sickness|pelvic floor/.test(`${theme} ${age}`);
  const fromDay = isPregnancy ? Math.floor(random() * 200) : Math.floor(random() * 600);
  const toDay = Math.min(isPregnancy ? 293 : 730, fromDay + 30 + Math.floor(random() * 300));
  const firstTopic = pick(topicIds);
  const topics = random() < 0.5 ? [firstTopic] : [firstTopic, pick(topicIds.filter((id) => id !== firstTopic))];

  const body: unknown[] = [];
  for (let section = 0; section < 4; section += 1) {
    body.push(block(`${capitalise(pick(section === 0 ? [theme] : themes))} ${pick(contexts)}`, 'h2'));
    for (let paragraph = 0; paragraph < 2; paragraph += 1) body.push(block([sentence(), sentence(), sentence()].join(' ')));
    for (let item = 0; item < 3; item += 1) body.push(block(`${pick(objects)} ${pick(contexts)}`, 'normal', 'bullet'));
  }
  const keyMessages = Array.from({ length: 3 }, () => {
    let message = madeSentence();
    while (message.length > 120) message = madeSentence();
    return message;
  });
  const [sourceTitle, publisher, url] = pick(publishers);

  return {
    _id: `article-bench-${String(index).padStart(5, '0')}`,
    _type: 'article',
    _createdAt: '2026-11-25T09:00:00Z',
    _updatedAt: '2026-11-25T09:00:00Z',
    _rev: key(),
    language: 'en-GB',
    title,
    slug: { _type: 'slug', current: `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${index}` },
    summary: `What to expect with ${theme} and ${otherTheme} ${age}, and when to ask your health visitor or GP for help.`.slice(0, 160),
    appliesTo: [{ _type: 'appliesToRange', _key: key(), audience: isPregnancy ? 'pregnancy' : 'child', fromDay, toDay }],
    ageBasis: random() < 0.5 ? 'corrected' : 'chronological',
    priority: 10,
    topics: topics.map((ref) => ({ _type: 'reference', _ref: ref, _key: key() })),
    keyMessages,
    body,
    sources: [{ _type: 'source', _key: key(), title: sourceTitle, publisher, url, accessedOn: '2026-11-25' }],
    review: {
      _type: 'clinicalReview',
      status: 'awaiting-clinical-review',
      reviewedBy: { _type: 'reference', _ref: 'person-content-team' },
      reviewedOn: '2026-11-25',
      nextReviewDue: '2027-05-25',
    },
  };
}

/**
 * Returns an NDJSON dataset of `count` documents: every document of `baseNdjson` (the bundled dataset by
 * default) plus synthetic articles to make up the number.
 */
export function generateSyntheticDataset(count: number, baseNdjson: string = readFileSync(bundledDatasetPath, 'utf8')): string {
  const base = parseDatasetNdjson(baseNdjson);
  if (count < base.length) throw new RangeError(`Ask for at least ${base.length} documents: the base dataset alone has that many`);
  const bundledSentences = listBundledSentences(base);
  const documents = [...base];
  for (let index = 1; documents.length < count; index += 1) documents.push(createSyntheticArticle(index, bundledSentences));
  return `${documents.map((document) => JSON.stringify(document)).join('\n')}\n`;
}

if (import.meta.main) {
  process.stdout.write(generateSyntheticDataset(Number(process.argv[2] ?? 500)));
}
