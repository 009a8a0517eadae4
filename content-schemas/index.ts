import { appliesToRange } from './applies-to-range.ts';
import { article } from './article.ts';
import { careCard } from './care-card.ts';
import { doDontList } from './do-dont-list.ts';
import { insetText } from './inset-text.ts';
import { source } from './source.ts';
import { stage } from './stage.ts';
import { warningCallout } from './warning-callout.ts';

/** Every schema type the Studio knows, documents first. */
export const schemaTypes = [stage, article, appliesToRange, source, insetText, warningCallout, careCard, doDontList];
