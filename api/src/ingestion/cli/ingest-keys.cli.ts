/**
 * `npm run keys -- create <source>` | `list` | `revoke <id or prefix>`: API keys of the ingestion
 * sources (ENT platforms). A key is printed once, at creation; only its hash is stored. Works
 * whether the product runs or not (the relational store accepts several processes).
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@ent/config';
import { ApiKeyError, ApiKeysService } from '../api-keys.service';
import { openMigratedRelationalStore } from './local-stores';

const USAGE = `usage: npm run keys -- create <source> | list | revoke <id or prefix>
  source: the ENT platform sending events, e.g. ent-haute-saone (lower-case letters, digits, . _ -)`;

async function main(argv: string[]): Promise<number> {
  const [command, arg] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const relational = await openMigratedRelationalStore(config);
  try {
    const keys = new ApiKeysService(relational);
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
  } finally {
    await relational.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof ApiKeyError) console.error(err.message);
    else console.error(`keys: ${(err as Error)?.message ?? String(err)}`);
    process.exit(1);
  },
);
