// `npm run catalog:import -- <kind> <file> [--dry-run]`: imports a catalog file.
// - When the product runs on this data directory, the file goes through its upload route
//   (`POST /catalog/imports/:kind`), as a temporary administrator session (auth/cli/running-product.ts):
//   the product's own process writes its store, and its answers see the change at once.
// - Otherwise the tool opens the relational store named by the configuration (DATABASE_URL, or
//   SQLite under DATA_DIR) itself, applying the migrations a new store needs.
// It says which it did. The file is read as a stream either way.
import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '@ent/config';
import * as fs from 'node:fs';
import type { DataSource } from 'typeorm';
import { asLocalAdministrator, ProductApiError, runningProduct, type RunningProduct } from '../../auth/cli/running-product';
import { describeRelational, openRelationalStore } from '../../database/relational-data-source';
import { ScopeService } from '../../scope/scope.service';
import { NATIONAL_SCOPE } from '../../scope/territorial-scope';
import { UnusableFileError } from '../errors/catalog-errors';
import { decodeCatalogStream } from '../imports/decode-file.util';
import { CATALOG_IMPORT_KINDS, type CatalogImportKind } from '../imports/import-kind';
import { runCatalogImport, type ImportReport } from '../imports/run-catalog-import';

const USAGE = `usage: npm run catalog:import -- <kind> <file> [--dry-run]
  kind: ${CATALOG_IMPORT_KINDS.join(', ')} (formats: api/src/catalog/README.md)
  --dry-run: classify every line, write nothing`;

function stop(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

function print(report: ImportReport, file: string, destination: string): void {
  const { created, updated, unchanged, rejected } = report.summary;
  console.log(
    `${report.dryRun ? 'Dry run (nothing written): ' : ''}${report.kind} ${file} → ${destination}: ` +
      `created ${created}, updated ${updated}, unchanged ${unchanged}, rejected ${rejected}`,
  );
  for (const r of report.rejections) console.log(`line ${r.line}, column ${r.column}: ${r.reason}`);
}

async function viaProduct(config: AppConfig, product: RunningProduct, kind: string, file: string, dryRun: boolean): Promise<ImportReport> {
  return asLocalAdministrator(config, product, async ({ headers }) => {
    const size = fs.statSync(file).size;
    const response = await fetch(`${product.url}/catalog/imports/${kind}${dryRun ? '?dryRun=1' : ''}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv', 'content-length': String(size) },
      body: fs.createReadStream(file) as unknown as RequestInit['body'],
      duplex: 'half',
    } as RequestInit);
    const body = (await response.json()) as ImportReport & { error?: string; message?: string };
    if (body.error === 'UNUSABLE_FILE') throw new UnusableFileError(body.message ?? '');
    if (!response.ok) throw new ProductApiError(`The product refused the import (${response.status}): ${body.message ?? body.error}`);
    return body;
  });
}

async function directly(config: AppConfig, kind: CatalogImportKind, file: string, dryRun: boolean): Promise<ImportReport> {
  let dataSource: DataSource | undefined;
  try {
    dataSource = await openRelationalStore(config.relational);
    // A store the product never opened has no schema yet: the same migrations the product runs at start.
    await dataSource.runMigrations({ transaction: 'each' });
    // The command line is an operator's tool with access to the store itself: national scope.
    return await runCatalogImport(dataSource, kind, decodeCatalogStream(fs.createReadStream(file)), {
      dryRun,
      scope: NATIONAL_SCOPE,
      scopeService: new ScopeService(dataSource),
    });
  } finally {
    await dataSource?.destroy().catch(() => undefined);
  }
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
  try {
    fs.accessSync(file, fs.constants.R_OK);
    if (!fs.statSync(file).isFile()) stop(`Cannot read ${file}: not a file`);
  } catch (err) {
    stop(`Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }

  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) stop(err.message);
    throw err;
  }

  try {
    const product = runningProduct(config);
    if (product) {
      console.log(`The product is running (pid ${product.pid}): importing through its API at ${product.url}.`);
      print(await viaProduct(config, product, kind, file, dryRun), file, `the product at ${product.url}`);
    } else {
      console.log(`No product running on ${config.dataDir}: importing into the store directly.`);
      print(await directly(config, kind as CatalogImportKind, file, dryRun), file, describeRelational(config.relational));
    }
  } catch (err) {
    if (err instanceof UnusableFileError) stop(`${file}: ${err.message}`);
    if (err instanceof ProductApiError) stop(err.message);
    stop(`Import failed: ${(err as Error).message}`);
  }
}

void main();
