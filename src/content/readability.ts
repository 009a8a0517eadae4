/**
 * Reading level of guidance text, with kept libraries (`syllable` for syllable counts and
 * `flesch-kincaid` for the grade), so editors are warned when a page reads above about age 11.
 * Reading age = Flesch-Kincaid grade + 5 (US grade 1 is roughly age 6 to 7).
 */
import { fleschKincaid } from 'flesch-kincaid';
import { syllable } from 'syllable';

/** The reading age above which editors are warned. The target is about 9. */
export const readingAgeWarningAbove = 11;

/** Counts sentences, words and syllables in plain text. */
export function countTextStatistics(text: string): { sentence: number; word: number; syllable: number } {
  const words = text.match(/[A-Za-z\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)*/g) ?? [];
  const sentences = text.split(/[.!?:]+(?:\s|$)|\n+/).filter((part) => /[A-Za-z]/.test(part));
  return { sentence: Math.max(sentences.length, words.length > 0 ? 1 : 0), word: words.length, syllable: words.reduce((total, word) => total + syllable(word), 0) };
}

/** The approximate reading age of plain text, or null when there is too little text to judge (under 30 words). */
export function calculateReadingAge(text: string): number | null {
  const counts = countTextStatistics(text);
  if (counts.word < 30) return null;
  return Math.round((fleschKincaid(counts) + 5) * 10) / 10;
}

/** The plain text of Portable Text blocks and the text fields of NHS components, for word counts and readability. */
export function portableTextToPlainText(body: readonly unknown[] | null | undefined): string {
  const parts: string[] = [];
  for (const item of body ?? []) {
    if (typeof item !== 'object' || item === null) continue;
    const block = item as Record<string, unknown>;
    if (block._type === 'block' && Array.isArray(block.children)) {
      parts.push(block.children.map((child: { text?: unknown }) => (typeof child.text === 'string' ? child.text : '')).join(''));
      continue;
    }
    for (const value of Object.values(block)) {
      if (typeof value === 'string' && !/^[a-z-]+$/.test(value) && value !== block._key) parts.push(value);
      if (Array.isArray(value)) for (const entry of value.flat(2)) if (typeof entry === 'string') parts.push(entry);
    }
  }
  return parts.map((part) => part.trim()).filter(Boolean).map((part) => (/[.!?:]$/.test(part) ? part : `${part}.`)).join('\n');
}

/** Counts words in plain text. */
export function countWords(text: string): number {
  return (text.match(/\S+/g) ?? []).length;
}
