/**
 * `npm run keys -- create <source>` | `list` | `revoke <id or prefix>`: API keys of the ingestion
 * sources (ENT platforms). A key is printed once, at creation; only its hash is stored.
 * - When the product runs on this data directory, the tool goes through its GraphQL API
 *   (`ingestKeys`, `createIngestKey`, `revokeIngestKey`) as a temporary administrator session
 *   (auth/cli/running-product.ts), so that the change is the product's own, audited.
 * - Otherwise it opens the relational store itself.
 * It says which it did.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '@ent/config';
import { asLocalAdministrator, ProductApiError, runningProduct, type AdminClient } from '../../auth/cli/running-product';
import { ApiKeyError, ApiKeysService } from '../api-keys.service';
import { openMigratedRelationalStore } from './local-stores';

const USAGE = `usage: npm run keys -- create <source> | list | revoke <id or prefix>
  source: the ENT platform sending events, e.g. ent-haute-saone (lower-case letters, digits, . _ -)`;

interface KeyView {
  id: string;
  source: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** What the tool does, whether through the product's API or on the store. */
interface Keys {
  create(source: string): Promise<{ id: string; source: string; key: string }>;
  list(): Promise<KeyView[]>;
  revoke(idOrPrefix: string): Promise<KeyView>;
}

const FIELDS = 'id source prefix createdAt revokedAt';
type RawKey = Omit<KeyView, 'createdAt' | 'revokedAt'> & { createdAt: string; revokedAt: string | null };
const viewOf = (k: RawKey): KeyView => ({ ...k, createdAt: new Date(k.createdAt), revokedAt: k.revokedAt ? new Date(k.revokedAt) : null });

function throughApi(client: AdminClient): Keys {
  return {
    async create(source) {
      const { createIngestKey } = await client.graphql<{ createIngestKey: { ingestKey: RawKey; key: string } }>(
        `mutation($s: String!) { createIngestKey(source: $s) { key ingestKey { ${FIELDS} } } }`,
        { s: source },
      );
      return { id: createIngestKey.ingestKey.id, source: createIngestKey.ingestKey.source, key: createIngestKey.key };
    },
    async list() {
      return (await client.graphql<{ ingestKeys: RawKey[] }>(`{ ingestKeys { ${FIELDS} } }`)).ingestKeys.map(viewOf);
    },
    async revoke(idOrPrefix) {
      return viewOf((await client.graphql<{ revokeIngestKey: RawKey }>(`mutation($k: String!) { revokeIngestKey(idOrPrefix: $k) { ${FIELDS} } }`, { k: idOrPrefix })).revokeIngestKey);
    },
  };
}

async function run(keys: Keys, command: string, arg: string | undefined): Promise<number> {
  switch (command) {
    case 'create': {
      if (!arg) break;
      const k = await keys.create(arg);
      console.log(`API key created for source ${k.source} (id ${k.id}). It is shown only now:\n\n  ${k.key}\n`);
      console.log('Send it as "Authorization: Bearer <key>" (or HTTP Basic with the key as password for xAPI clients).');
      return 0;
    }
    case 'list': {
      const all = await keys.list();
      if (!all.length) console.log('No API key yet: npm run keys -- create <source>');
      for (const k of all) {
        console.log(`${k.id}  ${k.prefix}…  ${k.source.padEnd(24)} created ${k.createdAt.toISOString()}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''}`);
      }
      return 0;
    }
    case 'revoke': {
      if (!arg) break;
      const k = await keys.revoke(arg);
      console.log(`API key ${k.id} (${k.prefix}…) of source ${k.source} is revoked.`);
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (!['create', 'list', 'revoke'].includes(command) || (command !== 'list' && !arg)) {
    console.error(USAGE);
    return 2;
  }
  const config: AppConfig = loadConfig();
  const product = runningProduct(config);
  if (product) {
    console.log(`The product is running (pid ${product.pid}): managing the keys through its API at ${product.url}.`);
    return asLocalAdministrator(config, product, (client) => run(throughApi(client), command, arg));
  }
  console.log(`No product running on ${config.dataDir}: opening the store directly.`);
  const relational = await openMigratedRelationalStore(config);
  try {
    return await run(new ApiKeysService(relational), command, arg);
  } finally {
    await relational.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof ApiKeyError || err instanceof ProductApiError) console.error(err.message);
    else console.error(`keys: ${(err as Error)?.message ?? String(err)}`);
    process.exit(1);
  },
);
