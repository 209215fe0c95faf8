/**
 * `npm run keys -- create <source> (--territory <level:code>… | --national)` | `list` |
 * `territories <id or prefix> (--territory <level:code>… | --national)` | `revoke <id or prefix>`:
 * API keys of the ingestion sources (ENT platforms). A key is printed once, at creation; only its
 * hash is stored; each key names the territories its source serves.
 * - When the product runs on this data directory, the tool goes through its GraphQL API
 *   (`ingestKeys`, `createIngestKey`, `setIngestKeyTerritories`, `revokeIngestKey`) as a temporary
 *   administrator session (auth/cli/running-product.ts), so that the change is the product's own, audited.
 * - Otherwise it opens the relational store itself (a change of territories applies from the next request).
 * It says which it did.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type AppConfig } from '@ent/config';
import type { TerritoryRef } from '../../scope/territorial-scope';
import { asLocalAdministrator, ProductApiError, runningProduct, type AdminClient } from '../../auth/cli/running-product';
import { ApiKeyError, ApiKeysService, type KeyReach } from '../api-keys.service';
import { parseKeyTerritory } from '../key-territories';
import { openMigratedRelationalStore } from './local-stores';

const USAGE = `usage: npm run keys -- create <source> (--territory <level:code>… | --national)
       npm run keys -- list
       npm run keys -- territories <id or prefix> (--territory <level:code>… | --national)
       npm run keys -- revoke <id or prefix>
  source:      the ENT platform sending events, e.g. ent-haute-saone (lower-case letters, digits, . _ -)
  --territory: a territory the source serves, repeatable: region:27, academie:03, departement:70,
               commune:70550, etablissement:0430002U; events of other establishments are refused
  --national:  the source serves the whole country (every establishment)`;

class UsageError extends Error {}

interface KeyView {
  id: string;
  source: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
  /** Null: national reach. */
  territories: readonly TerritoryRef[] | null;
}

/** What the tool does, whether through the product's API or on the store. */
interface Keys {
  create(source: string, reach: KeyReach): Promise<Pick<KeyView, 'id' | 'source' | 'territories'> & { key: string }>;
  list(): Promise<KeyView[]>;
  setReach(idOrPrefix: string, reach: KeyReach): Promise<KeyView>;
  revoke(idOrPrefix: string): Promise<KeyView>;
}

const FIELDS = 'id source prefix createdAt revokedAt territories { level code }';
type RawKey = Omit<KeyView, 'createdAt' | 'revokedAt'> & { createdAt: string; revokedAt: string | null };
const viewOf = (k: RawKey): KeyView => ({ ...k, createdAt: new Date(k.createdAt), revokedAt: k.revokedAt ? new Date(k.revokedAt) : null });
const reachArgs = (reach: KeyReach) => (reach === 'national' ? { t: null, n: true } : { t: reach.map((r) => ({ level: r.level, code: r.code })), n: null });

function throughApi(client: AdminClient): Keys {
  return {
    async create(source, reach) {
      const { createIngestKey } = await client.graphql<{ createIngestKey: { ingestKey: RawKey; key: string } }>(
        `mutation($s: String!, $t: [IngestKeyTerritoryInput!], $n: Boolean) { createIngestKey(source: $s, territories: $t, national: $n) { key ingestKey { ${FIELDS} } } }`,
        { s: source, ...reachArgs(reach) },
      );
      return { ...viewOf(createIngestKey.ingestKey), key: createIngestKey.key };
    },
    async list() {
      return (await client.graphql<{ ingestKeys: RawKey[] }>(`{ ingestKeys { ${FIELDS} } }`)).ingestKeys.map(viewOf);
    },
    async setReach(idOrPrefix, reach) {
      const { setIngestKeyTerritories } = await client.graphql<{ setIngestKeyTerritories: RawKey }>(
        `mutation($k: String!, $t: [IngestKeyTerritoryInput!], $n: Boolean) { setIngestKeyTerritories(idOrPrefix: $k, territories: $t, national: $n) { ${FIELDS} } }`,
        { k: idOrPrefix, ...reachArgs(reach) },
      );
      return viewOf(setIngestKeyTerritories);
    },
    async revoke(idOrPrefix) {
      return viewOf((await client.graphql<{ revokeIngestKey: RawKey }>(`mutation($k: String!) { revokeIngestKey(idOrPrefix: $k) { ${FIELDS} } }`, { k: idOrPrefix })).revokeIngestKey);
    },
  };
}

function onStore(keys: ApiKeysService): Keys {
  return {
    create: (source, reach) => keys.create(source, reach),
    list: () => keys.list(),
    setReach: (idOrPrefix, reach) => keys.setReach(idOrPrefix, reach),
    revoke: (idOrPrefix) => keys.revoke(idOrPrefix),
  };
}

function describeReach(territories: KeyView['territories']): string {
  return territories ? territories.map((t) => `${t.level}:${t.code}`).join(' ') : 'NATIONAL (every establishment)';
}

function reachOf(values: { territory?: string[]; national?: boolean }): KeyReach {
  const territories = values.territory ?? [];
  if (values.national && territories.length) throw new UsageError('--national and --territory exclude each other');
  if (values.national) return 'national';
  if (!territories.length) {
    throw new UsageError('name the territories the source serves (--territory departement:70 --territory etablissement:0430002U …), or --national');
  }
  return territories.map(parseKeyTerritory);
}

async function run(keys: Keys, command: string, arg: string, reach: KeyReach | undefined): Promise<number> {
  switch (command) {
    case 'create': {
      const k = await keys.create(arg, reach as KeyReach);
      console.log(`API key created for source ${k.source} (id ${k.id}), reach: ${describeReach(k.territories)}. It is shown only now:\n\n  ${k.key}\n`);
      console.log('Send it as "Authorization: Bearer <key>" (or HTTP Basic with the key as password for xAPI clients).');
      return 0;
    }
    case 'list': {
      const all = await keys.list();
      if (!all.length) console.log('No API key yet: npm run keys -- create <source> --territory <level:code>');
      for (const k of all) {
        console.log(
          `${k.id}  ${k.prefix}…  ${k.source.padEnd(24)} created ${k.createdAt.toISOString()}${k.revokedAt ? `  REVOKED ${k.revokedAt.toISOString()}` : ''}  reach: ${describeReach(k.territories)}`,
        );
      }
      const national = all.filter((k) => !k.revokedAt && !k.territories);
      if (national.length) {
        console.warn(
          `\nWarning: ${national.length} active key(s) have national reach and accept events of every establishment: ${national.map((k) => `${k.prefix}… (${k.source})`).join(', ')}.\n` +
            'Keys created before keys were bound to territories have it. Unless the source really serves the whole country, narrow each one:\n' +
            '  npm run keys -- territories <id or prefix> --territory departement:70 [--territory etablissement:0430002U …]',
        );
      }
      return 0;
    }
    case 'territories': {
      const k = await keys.setReach(arg, reach as KeyReach);
      console.log(`API key ${k.id} (${k.prefix}…) of source ${k.source} now has the reach: ${describeReach(k.territories)}.`);
      return 0;
    }
    case 'revoke': {
      const k = await keys.revoke(arg);
      console.log(`API key ${k.id} (${k.prefix}…) of source ${k.source} is revoked.`);
      return 0;
    }
  }
  return 2;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { territory: { type: 'string', multiple: true }, national: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, arg] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const needsArg = ['create', 'territories', 'revoke'].includes(command);
  if (!['create', 'list', 'territories', 'revoke'].includes(command) || (needsArg && !arg) || positionals.length > (needsArg ? 2 : 1)) {
    throw new UsageError(USAGE);
  }
  const reach = command === 'create' || command === 'territories' ? reachOf(values) : undefined;
  const config: AppConfig = loadConfig();
  const product = runningProduct(config);
  if (product) {
    console.log(`The product is running (pid ${product.pid}): managing the keys through its API at ${product.url}.`);
    return asLocalAdministrator(config, product, (client) => run(throughApi(client), command, arg, reach));
  }
  console.log(`No product running on ${config.dataDir}: opening the store directly.`);
  const relational = await openMigratedRelationalStore(config);
  try {
    return await run(onStore(new ApiKeysService(relational)), command, arg, reach);
  } finally {
    await relational.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const usage = err instanceof UsageError || (err as { code?: string })?.code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof ApiKeyError || err instanceof ProductApiError) console.error(err.message);
    else if (usage) console.error(`${(err as Error).message}\n${USAGE}`);
    else console.error(`keys: ${(err as Error)?.message ?? String(err)}`);
    process.exit(usage ? 2 : 1);
  },
);
