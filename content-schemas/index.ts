import { appliesToRange } from './applies-to-range.ts';
import { article } from './article.ts';
import { careCard } from './care-card.ts';
import { clinicalReview } from './clinical-review.ts';
import { dataTable } from './data-table.ts';
import { doDontList } from './do-dont-list.ts';
import { expander } from './expander.ts';
import { insetText } from './inset-text.ts';
import { person } from './person.ts';
import { siteSettings } from './site-settings.ts';
import { source } from './source.ts';
import { stage } from './stage.ts';
import { symptomGuide } from './symptom-guide.ts';
import { topic } from './topic.ts';
import { vaccine } from './vaccine.ts';
import { warningCallout } from './warning-callout.ts';

/** Every schema type the Studio knows, documents first. */
export const schemaTypes = [
  stage,
  article,
  symptomGuide,
  vaccine,
  topic,
  person,
  siteSettings,
  appliesToRange,
  source,
  clinicalReview,
  insetText,
  warningCallout,
  careCard,
  expander,
  doDontList,
  dataTable,
];

/** The document types that are guidance pages. */
export const guidanceTypeNames = ['stage', 'article', 'symptomGuide', 'vaccine'] as const;
