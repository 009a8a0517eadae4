/**
 * The boundary of the domain code is enforced by ESLint, not goodwill: src/ never imports a
 * framework and never reads the environment. These cases prove each rule fires.
 */
import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function lintDomainCode(code: string, filePath = 'src/example.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? 'parse-error');
}

describe('src/ boundary rules', () => {
  test.each([
    ['astro', "import { defineConfig } from 'astro/config';\nexport const x = defineConfig;", 'no-restricted-imports'],
    ['astro:content', "import { getCollection } from 'astro:content';\nexport const x = getCollection;", 'no-restricted-imports'],
    ['sanity', "import { defineType } from 'sanity';\nexport const x = defineType;", 'no-restricted-imports'],
    ['@sanity/client', "import { createClient } from '@sanity/client';\nexport const x = createClient;", 'no-restricted-imports'],
    ['react', "import { useState } from 'react';\nexport const x = useState;", 'no-restricted-imports'],
    ['node:process', "import { env } from 'node:process';\nexport const x = env;", 'no-restricted-imports'],
    ['process.env', 'export const x = process.env.DATABASE_URL;', 'no-restricted-properties'],
    ['import.meta.env', 'export const x = import.meta.env.MODE;', 'no-restricted-syntax'],
  ])('refuses %s in src/', async (_name, code, rule) => {
    expect(await lintDomainCode(code)).toContain(rule);
  });

  test.each([
    ['drizzle-orm', "import { sql } from 'drizzle-orm';\nexport const x = sql;"],
    ['groq-js', "import { parse } from 'groq-js';\nexport const x = parse;"],
    ['a sibling module', "import { ChildHealthError } from './errors.ts';\nexport const x = ChildHealthError;"],
  ])('allows %s in src/', async (_name, code) => {
    expect(await lintDomainCode(code)).toEqual([]);
  });

  test('allows the same framework imports outside src/', async () => {
    expect(await lintDomainCode("import { createClient } from '@sanity/client';\nexport const x = createClient;", 'site/lib/example.ts')).toEqual([]);
  });
});
