/**
 * A GROQ source that remembers its answers. A snapshot of content never changes (a new snapshot is a new
 * source), so the same query with the same parameters always has the same answer; signed-in pages ask
 * the same few questions on every request, and groq-js takes milliseconds to scan every document for each.
 * Answers are frozen, so a caller that tried to change a shared answer would fail loudly, not silently.
 */
import type { GroqParams, GroqSource } from './groq-source.ts';

/** Freezes a query result and everything inside it. */
function freezeDeeply<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) freezeDeeply(inner);
  }
  return value;
}

/** Wraps an unchanging `source` so each distinct query and parameters is run once; keeps the `maxEntries` most recently used answers. Failures are not remembered. */
export function createCachedSource(source: GroqSource, maxEntries = 200): GroqSource {
  const answers = new Map<string, Promise<unknown>>();
  return {
    kind: source.kind,
    fetch(query: string, params: GroqParams) {
      const key = `${query}\n${JSON.stringify(params)}`;
      const known = answers.get(key);
      if (known) {
        // Most recently used goes to the end; the oldest is first in line to go.
        answers.delete(key);
        answers.set(key, known);
        return known;
      }
      const answer = source.fetch(query, params).then(freezeDeeply);
      answers.set(key, answer);
      answer.catch(() => answers.delete(key));
      if (answers.size > maxEntries) answers.delete(answers.keys().next().value as string);
      return answer;
    },
  };
}
