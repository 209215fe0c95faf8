// `npm run catalog:import -- <kind> <file> [--dry-run]`: imports a catalog file into the relational
// store named by the configuration (DATABASE_URL, or SQLite under DATA_DIR). Unlike ClickHouse's
// embedded engine, the relational store may be opened by a running product and this tool at once
// (SQLite waits for the other writer's lock), so the tool never needs the product stopped or its API.
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@ent/config';
import * as fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { describeRelational, openRelationalStore } from '../../database/relational-data-source';
import { ScopeService } from '../../scope/scope.service';
import { NATIONAL_SCOPE } from '../../scope/territorial-scope';
import { UnusableFileError } from '../errors/catalog-errors';
import { decodeCatalogFile } from '../imports/decode-file.util';
import { CATALOG_IMPORT_KINDS, type CatalogImportKind } from '../imports/import-kind';
import { runCatalogImport } from '../imports/run-catalog-import';

const USAGE = `usage: npm run catalog:import -- <kind> <file> [--dry-run]
  kind: ${CATALOG_IMPORT_KINDS.join(', ')} (formats: api/src/catalog/README.md)
  --dry-run: classify every line, write nothing`;

function stop(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const [kind, file, ...rest] = args.filter((a) => a !== '--dry-run');
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return;
  }
  if (!kind || !file || rest.length) stop(USAGE, 2);
  if (!(CATALOG_IMPORT_KINDS as readonly string[]).includes(kind)) stop(`Unknown kind "${kind}".\n${USAGE}`, 2);

  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    stop(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }

  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) stop(err.message);
    throw err;
  }

  let dataSource: DataSource | undefined;
  try {
    const text = decodeCatalogFile(bytes);
    dataSource = await openRelationalStore(config.relational);
    // A store the product never opened has no schema yet: the same migrations the product runs at start.
    await dataSource.runMigrations({ transaction: 'each' });
    // The command line is an operator's tool with access to the store itself: national scope.
    const report = await runCatalogImport(dataSource, kind as CatalogImportKind, text, {
      dryRun,
      scope: NATIONAL_SCOPE,
      scopeService: new ScopeService(dataSource),
    });
    const { created, updated, unchanged, rejected } = report.summary;
    console.log(
      `${dryRun ? 'Dry run (nothing written): ' : ''}${kind} ${file} → ${describeRelational(config.relational)}: ` +
        `created ${created}, updated ${updated}, unchanged ${unchanged}, rejected ${rejected}`,
    );
    for (const r of report.rejections) console.log(`line ${r.line}, column ${r.column}: ${r.reason}`);
  } catch (err) {
    if (err instanceof UnusableFileError) stop(`${file}: ${err.message}`);
    stop(`Import failed: ${(err as Error).message}`);
  } finally {
    await dataSource?.destroy().catch(() => undefined);
  }
}

void main();
