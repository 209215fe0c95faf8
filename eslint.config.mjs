// One flat config for the whole workspace; type-aware rules are left to `tsc` (the typecheck target).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', 'data/**', 'scratch/**', '.nx/**', 'bench/results/**', 'web/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly', AbortController: 'readonly', document: 'readonly', window: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The pipeline is a library that the application wraps, never the reverse: ingest/ must not
    // import api/ (a command that needs the application's services lives in api/).
    files: ['ingest/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@ent/api(/|$)|^(\\.\\./)+api(/|$)',
              message: 'ingest/ is a library wrapped by api/: it must not import from api/ (put the code that needs the application in api/src/ingestion/).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', '**/*.cli.ts', '**/cli/**', 'test/**', '**/*.spec.ts', '**/bench/**'],
    rules: { 'no-console': 'off' },
  },
);
