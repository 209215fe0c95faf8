import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';

/**
 * The API's GraphQL schema, committed at `api/schema.graphql`: the web application's typed
 * documents are generated from it (graphql-codegen), and a test fails when it is stale.
 * Regenerate it with `npm run schema`.
 */
export const SCHEMA_FILE = path.resolve(__dirname, '../../schema.graphql');

const HEADER = '# Generated from the code-first API by `npm run schema`; do not edit. A test fails when it is stale.\n\n';

/** The schema of a created (initialised) application, printed sorted, as it is committed. */
export function printAppSchema(app: INestApplication): string {
  const { schema } = app.get(GraphQLSchemaHost);
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}
