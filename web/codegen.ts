import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed GraphQL documents for the web application, generated from the API's committed schema
 * (`api/schema.graphql`, written by `npm run schema`) into `src/gql/` (generated, not tracked).
 * Run by `npm run codegen`, before the build, the typecheck and the lint of `web`.
 */
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string' } },
    },
  },
  silent: true,
};

export default config;
