import { describe, expect, test } from 'vitest';
import { isFeedbackPagePath, submitFeedback, validateFeedback } from '../../src/feedback/index.ts';
import type { PortalDatabase } from '../../src/db/index.ts';

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
  return data;
}

describe('isFeedbackPagePath', () => {
  test.each([
    ['/guides/safe-sleep', true],
    ['/', true],
    ['/stages/pregnancy-week-20', true],
    ['', false],
    ['guides/safe-sleep', false],
    ['//evil.example/path', false],
    ['https://evil.example/', false],
    ['/guides/safe-sleep?x=1', false],
    ['/guides/<script>', false],
    ['/' + 'a'.repeat(199), true],
    ['/' + 'a'.repeat(200), false],
  ])('%s -> %s', (path, expected) => {
    expect(isFeedbackPagePath(path)).toBe(expected);
  });
});

describe('validateFeedback', () => {
  test.each([
    ['yes with no comment', { page: '/guides/safe-sleep', useful: 'yes' }, { pagePath: '/guides/safe-sleep', useful: true, comment: null }],
    ['no with a comment', { page: '/guides/safe-sleep', useful: 'no', comment: 'Say more about naps.' }, { pagePath: '/guides/safe-sleep', useful: false, comment: 'Say more about naps.' }],
    ['a blank comment', { page: '/', useful: 'yes', comment: '   \n ' }, { pagePath: '/', useful: true, comment: null }],
    ['a comment of exactly 500 characters', { page: '/', useful: 'yes', comment: 'a'.repeat(500) }, { pagePath: '/', useful: true, comment: 'a'.repeat(500) }],
    ['Windows line endings and control characters', { page: '/', useful: 'no', comment: 'one\r\ntwo\u0007' }, { pagePath: '/', useful: false, comment: 'one\ntwo' }],
  ])('accepts %s', (_name, fields, expected) => {
    expect(validateFeedback(form(fields))).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['no answer', { page: '/', comment: '' }, [['useful', 'Select yes if this page was useful, or no if it was not']]],
    ['an answer that is not yes or no', { page: '/', useful: 'maybe' }, [['useful', 'Select yes if this page was useful, or no if it was not']]],
    ['the answer sent twice', { page: '/', useful: ['yes', 'no'] }, [['useful', 'Select yes if this page was useful, or no if it was not']]],
    ['a comment of 501 characters', { page: '/', useful: 'yes', comment: 'a'.repeat(501) }, [['comment', 'Your comment must be 500 characters or fewer']]],
    ['a comment of 5,000 characters', { page: '/', useful: 'no', comment: 'b'.repeat(5000) }, [['comment', 'Your comment must be 500 characters or fewer']]],
    ['an email address in the comment', { page: '/', useful: 'no', comment: 'write to me at sam@example.com' }, [['comment', expect.stringMatching(/^Remove any email address/)]]],
    ['a phone number in the comment', { page: '/', useful: 'no', comment: 'call 07700 900123 please' }, [['comment', expect.stringMatching(/^Remove any email address, phone number or NHS number/)]]],
    ['an NHS number in the comment', { page: '/', useful: 'no', comment: 'my number is 943 476 5919' }, [['comment', expect.stringMatching(/NHS number/)]]],
    ['nothing at all', { page: '/', useful: '', comment: 'c'.repeat(600) }, [['useful', expect.any(String)], ['comment', expect.any(String)]]],
  ])('turns back %s with a message next to the field', (_name, fields, expected) => {
    const outcome = validateFeedback(form(fields));
    expect(outcome.ok).toBe(false);
    if (outcome.ok || outcome.kind !== 'invalid') throw new Error('expected invalid');
    expect(outcome.errors.map((error) => [error.field, error.message])).toEqual(expected);
  });

  test('keeps the comment so the person does not have to type it again', () => {
    const outcome = validateFeedback(form({ page: '/guides/safe-sleep', comment: 'It was clear' }));
    expect(outcome).toMatchObject({ ok: false, kind: 'invalid', pagePath: '/guides/safe-sleep', comment: 'It was clear' });
  });

  test.each([
    ['missing', {}],
    ['another site', { page: 'https://evil.example/' }],
    ['protocol-relative', { page: '//evil.example' }],
  ])('refuses feedback about a page that is %s', (_name, fields) => {
    expect(validateFeedback(form({ useful: 'yes', ...fields }))).toEqual({ ok: false, kind: 'page-unknown' });
  });

  test('a file upload in place of the answer counts as no answer', () => {
    const data = form({ page: '/' });
    data.append('useful', new Blob(['yes']), 'useful.txt');
    expect(validateFeedback(data)).toMatchObject({ ok: false, kind: 'invalid' });
  });
});

describe('submitFeedback', () => {
  const unusedDatabase = (): Promise<PortalDatabase> => Promise.reject(new Error('the database must not be touched'));

  test('an unreadable form is refused without touching the database', async () => {
    expect(await submitFeedback(null, unusedDatabase)).toEqual({ ok: false, kind: 'page-unknown' });
  });

  test('an invalid form is refused without touching the database', async () => {
    expect(await submitFeedback(form({ page: '/' }), unusedDatabase)).toMatchObject({ kind: 'invalid' });
  });

  test('a database fault becomes "failed", never a thrown error', async () => {
    const broken = (): Promise<PortalDatabase> => Promise.reject(new Error('connection refused'));
    expect(await submitFeedback(form({ page: '/guides/safe-sleep', useful: 'yes' }), broken)).toEqual({ kind: 'failed', pagePath: '/guides/safe-sleep' });
  });
});
