import * as fs from 'node:fs';
import { printAppSchema, SCHEMA_FILE } from '../../api/src/graphql/schema-file';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

describe('the committed GraphQL schema (api/schema.graphql)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  it('is the schema the application serves; run `npm run schema` when this fails', () => {
    const served = printAppSchema(t.app);
    const committed = fs.readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== served) {
      throw new Error('api/schema.graphql is stale: run `npm run schema` and commit the file (the web application\'s typed documents are generated from it).');
    }
    expect(committed).toContain('type Query {');
  });
});
