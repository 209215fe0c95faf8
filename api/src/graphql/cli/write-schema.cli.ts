// `npm run schema`: writes the API's GraphQL schema to api/schema.graphql, from the application
// built exactly as `npm start` builds it, on throwaway embedded stores (no demo, no listening).
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@ent/config';
import { createApp } from '../../bootstrap';
import { closeStores, openStores } from '../../stores/open-stores';
import { printAppSchema, SCHEMA_FILE } from '../schema-file';

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-schema-'));
  try {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'development', DEMO: '0', ANALYTICS_REFRESH_SECONDS: '0', ANALYTICS_FINALIZE_SECONDS: '0' });
    const stores = await openStores(config, { info: () => undefined });
    const app = await createApp(config, stores);
    await app.init();
    const text = printAppSchema(app);
    await app.close();
    await closeStores(stores);
    fs.writeFileSync(SCHEMA_FILE, text);
    console.log(`GraphQL schema written to ${path.relative(process.cwd(), SCHEMA_FILE)}`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  },
);
