/**
 * "Is this page useful?": checks what a visitor sent and stores it. Nothing personal is asked
 * for, and a comment that looks as if it holds contact details or an NHS number is turned back
 * with a message, so it is never stored.
 */
import { count, eq } from 'drizzle-orm';
import { DatabaseError } from '../errors.ts';
import type { PortalDatabase } from '../db/index.ts';
import { pageFeedback } from '../db/schema.ts';
import { cleanFreeText, readTextField } from '../forms.ts';

/** The longest comment we accept, in characters. */
export const maxCommentLength = 500;

/** The longest page path we accept. */
export const maxPagePathLength = 200;

/** Feedback that passed every check. */
export interface PageFeedback {
  readonly pagePath: string;
  readonly useful: boolean;
  readonly comment: string | null;
}

/** The form fields a person can be sent back to. */
export type FeedbackField = 'useful' | 'comment';

/** One problem with what was sent, in NHS content style, next to the field it belongs to. */
export interface FeedbackError {
  readonly field: FeedbackField;
  readonly message: string;
}

/** The outcome of checking a feedback form. */
export type FeedbackValidation =
  | { readonly ok: true; readonly value: PageFeedback }
  | { readonly ok: false; readonly kind: 'page-unknown' }
  | {
      readonly ok: false;
      readonly kind: 'invalid';
      readonly pagePath: string;
      readonly errors: readonly FeedbackError[];
      readonly comment: string;
    };

const pageUnknown = { ok: false, kind: 'page-unknown' } as const;

// A same-site path such as /guides/vitamin-d: no scheme, no host, no "//", no query or fragment.
const pagePathPattern = /^\/(?!\/)[a-z0-9\-/]*$/;

// Shapes of personal details that must not be stored in a comment.
const emailPattern = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const phoneOrNhsNumberPattern = /(?:\+?\d[\s-]?){10,}/;

/** True when `value` is a path on this site that feedback may be about. */
export function isFeedbackPagePath(value: string): boolean {
  return value.length <= maxPagePathLength && pagePathPattern.test(value);
}

/** Checks a submitted feedback form. Returns the value to store, or the problems to show. */
export function validateFeedback(form: FormData): FeedbackValidation {
  const pagePath = readTextField(form, 'page') ?? '';
  if (!isFeedbackPagePath(pagePath)) return pageUnknown;

  const errors: FeedbackError[] = [];
  const usefulRaw = readTextField(form, 'useful');
  const useful = usefulRaw === 'yes' ? true : usefulRaw === 'no' ? false : null;
  if (useful === null) errors.push({ field: 'useful', message: 'Select yes if this page was useful, or no if it was not' });

  const rawComment = readTextField(form, 'comment') ?? '';
  // Line endings are normalised and control characters dropped before counting.
  const comment = cleanFreeText(rawComment);
  if (comment.length > maxCommentLength) {
    errors.push({ field: 'comment', message: `Your comment must be ${maxCommentLength} characters or fewer` });
  } else if (emailPattern.test(comment) || phoneOrNhsNumberPattern.test(comment)) {
    errors.push({
      field: 'comment',
      message: 'Remove any email address, phone number or NHS number from your comment. We cannot reply to feedback',
    });
  }

  if (errors.length > 0 || useful === null) {
    // Keep what they wrote so they need not type it again (cut to a sane length for the page).
    return { ok: false, kind: 'invalid', pagePath, errors, comment: comment.slice(0, maxCommentLength * 2) };
  }
  return { ok: true, value: { pagePath, useful, comment: comment === '' ? null : comment } };
}

/** Stores checked feedback. */
export async function saveFeedback(db: PortalDatabase, feedback: PageFeedback): Promise<void> {
  try {
    await db.insert(pageFeedback).values(feedback);
  } catch (error) {
    throw new DatabaseError('save page feedback', { cause: error });
  }
}

/** Counts the feedback stored for one page (for reports and tests). */
export async function countFeedbackForPage(db: PortalDatabase, pagePath: string): Promise<number> {
  try {
    const [row] = await db.select({ total: count() }).from(pageFeedback).where(eq(pageFeedback.pagePath, pagePath));
    return row?.total ?? 0;
  } catch (error) {
    throw new DatabaseError('count page feedback', { cause: error });
  }
}

/** What happened to a feedback form, for the page that answers it. */
export type FeedbackSubmission =
  | { readonly kind: 'saved'; readonly pagePath: string }
  | { readonly kind: 'failed'; readonly pagePath: string }
  | Extract<FeedbackValidation, { ok: false }>;

/**
 * Checks a posted form (null when it could not be read) and stores it if every check passes.
 * A database fault is reported as `failed`, never thrown, so the person always gets a page.
 */
export async function submitFeedback(
  form: FormData | null,
  getDatabase: () => Promise<PortalDatabase>,
): Promise<FeedbackSubmission> {
  const outcome: FeedbackValidation = form === null ? pageUnknown : validateFeedback(form);
  if (!outcome.ok) return outcome;
  try {
    await saveFeedback(await getDatabase(), outcome.value);
    return { kind: 'saved', pagePath: outcome.value.pagePath };
  } catch {
    return { kind: 'failed', pagePath: outcome.value.pagePath };
  }
}
