import { describe, expect, test } from 'vitest';
import { createCachedSource } from '../../src/content/cached-source.ts';
import type { GroqParams, GroqSource } from '../../src/content/groq-source.ts';

/** A source that counts the queries it really runs and answers with a fresh object each time. */
function createCountingSource(fail = false): GroqSource & { runs: number } {
  const counting = {
    kind: 'dataset' as const,
    runs: 0,
    async fetch(query: string, params: GroqParams) {
      counting.runs += 1;
      if (fail && counting.runs === 1) throw new Error('the first query fails');
      return { query, params, items: [{ title: 'Sleep' }] };
    },
  };
  return counting;
}

describe('a cached content source answers each distinct question once', () => {
  test('the same query and parameters are run once, and give the same answer', async () => {
    const source = createCountingSource();
    const cached = createCachedSource(source);
    const first = await cached.fetch('*[_type == $type]', { type: 'article' });
    const second = await cached.fetch('*[_type == $type]', { type: 'article' });
    expect(second).toBe(first);
    expect(source.runs).toBe(1);
  });

  test.each([
    ['different parameters', { type: 'stage' }, '*[_type == $type]'],
    ['a different query', { type: 'article' }, '*[_type == $type][0]'],
  ])('%s are asked again', async (_name, params, query) => {
    const source = createCountingSource();
    const cached = createCachedSource(source);
    await cached.fetch('*[_type == $type]', { type: 'article' });
    await cached.fetch(query, params);
    expect(source.runs).toBe(2);
  });

  test('answers are frozen all the way down, so a caller cannot change what the next one gets', async () => {
    const cached = createCachedSource(createCountingSource());
    const answer = (await cached.fetch('q', {})) as { items: { title: string }[] };
    expect(() => answer.items.push({ title: 'x' })).toThrow(TypeError);
    expect(() => {
      (answer.items[0] as { title: string }).title = 'Changed';
    }).toThrow(TypeError);
  });

  test('a failed query is not remembered: the next ask runs it again', async () => {
    const source = createCountingSource(true);
    const cached = createCachedSource(source);
    await expect(cached.fetch('q', {})).rejects.toThrow('the first query fails');
    await expect(cached.fetch('q', {})).resolves.toBeTruthy();
    expect(source.runs).toBe(2);
  });

  test('only the most recently used answers are kept', async () => {
    const source = createCountingSource();
    const cached = createCachedSource(source, 2);
    await cached.fetch('a', {});
    await cached.fetch('b', {});
    await cached.fetch('a', {}); // a is now the most recent
    await cached.fetch('c', {}); // b goes
    expect(source.runs).toBe(3);
    await cached.fetch('a', {});
    expect(source.runs).toBe(3);
    await cached.fetch('b', {});
    expect(source.runs).toBe(4);
  });
});
