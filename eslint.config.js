// ESLint flat config. Besides the usual TypeScript checks, it enforces the portal's boundary:
// the domain code in src/ never imports a framework and never reads the environment.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** What src/ may never import: the frameworks live in site/ and studio/. */
export const forbiddenDomainImports = {
  paths: [
    { name: 'astro', message: 'src/ is framework-free: put Astro glue in site/.' },
    { name: 'sanity', message: 'src/ is framework-free: put Sanity glue in site/ or studio/.' },
    { name: 'react', message: 'src/ is framework-free: put React islands in site/.' },
    { name: 'react-dom', message: 'src/ is framework-free: put React islands in site/.' },
    { name: 'process', message: 'src/ never reads configuration: take it as an argument (site/config.ts reads it).' },
    { name: 'node:process', message: 'src/ never reads configuration: take it as an argument (site/config.ts reads it).' },
  ],
  patterns: [
    { group: ['astro:*', 'astro/*'], message: 'src/ is framework-free: put Astro glue in site/.' },
    { group: ['@sanity/*', 'sanity/*'], message: 'src/ is framework-free: put Sanity glue in site/ or studio/.' },
    { group: ['react/*', 'react-dom/*'], message: 'src/ is framework-free: put React islands in site/.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'studio/dist/', 'studio/.sanity/', '.data/', 'test-results/', 'playwright-report/', '.test-output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', forbiddenDomainImports],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'src/ never reads configuration: take it as an argument (site/config.ts reads it).' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.type='MetaProperty'][property.name='env']",
          message: 'src/ never reads configuration: take it as an argument (site/config.ts reads it).',
        },
        {
          selector: "MemberExpression[object.name='globalThis'][property.name='process']",
          message: 'src/ never reads configuration: take it as an argument (site/config.ts reads it).',
        },
      ],
    },
  },
);
