/**
 * `npm run ingest -- <file> [--key <key>] [--source <name>] [--chunk <n>] [--url <product URL>]`
 *
 * Imports an event file (NDJSON, JSON or CSV, optionally .gz). The embedded engine can be opened by
 * one process only, so:
 * - when the product is running on this data directory, the events go through its API (the key is
 *   --key or INGEST_API_KEY; without one, a temporary key of --source is created in the catalog
 *   store and revoked at the end: whoever can write that store is trusted locally);
 * - otherwise this command opens the stores itself and runs the same pipeline.
 * It says which it did. Re-running a file counts nothing twice.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import { EmbeddedStoreBusyError, readEmbeddedLock } from '@ent/clickhouse';
import { ConfigError, loadConfig, type AppConfig } from '@ent/config';
import { SingleBar } from 'cli-progress';
import {
  apiSink,
  ApiSinkError,
  EventFileError,
  eventFileFormat,
  importEventFile,
  pipelineSink,
  SOURCE_NAME,
  type EventSink,
  type ImportProgress,
  type ImportSummary,
} from '@ent/ingest';
import { ApiKeysService } from '../api-keys.service';
import { openLocalIngestion, openMigratedRelationalStore } from './local-stores';

const USAGE = `usage: npm run ingest -- <file.ndjson|.jsonl|.json|.csv[.gz]> [options]
  --key <key>       API key for the running product (or INGEST_API_KEY)
  --source <name>   source name when no key is given (default file-import)
  --chunk <n>       events per request or batch (default 5000)
  --url <url>       send to this product instead of the one running on DATA_DIR`;

class UsageError extends Error {}

function progressReporter(fileSize: number): { update(p: ImportProgress): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: 'importing [{bar}] {percentage}% | {events} events | {rate} ev/s | ETA {eta_formatted}',
      stream: process.stderr,
      hideCursor: true,
    });
    const started = Date.now();
    bar.start(Math.max(fileSize, 1), 0, { events: 0, rate: 0 });
    return {
      update: (p) => bar.update(p.bytesRead, { events: p.events, rate: Math.round(p.events / Math.max((Date.now() - started) / 1000, 0.001)) }),
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let last = 0;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 2000) return;
      last = now;
      const rate = p.events / Math.max((now - started) / 1000, 0.001);
      const share = fileSize ? p.bytesRead / fileSize : 0;
      const eta = share > 0 ? ((now - started) / 1000) * (1 / share - 1) : NaN;
      console.log(`progress: ${p.events} events, ${(share * 100).toFixed(0)} % of the file, ${Math.round(rate)} ev/s, ETA ${Number.isFinite(eta) ? `${Math.round(eta)} s` : '?'}`);
    },
    stop: () => undefined,
  };
}

function printSummary(file: string, s: ImportSummary): void {
  console.log(`\n${file}: ${s.events} events read in ${s.seconds.toFixed(1)} s (${Math.round(s.events / Math.max(s.seconds, 0.001))} ev/s)`);
  console.log(`  accepted: ${s.accepted} (of which already stored, counted once: ${s.duplicates})`);
  console.log(`  rejected: ${s.rejected}${s.rejected ? ` — ${Object.entries(s.rejectedByReason).map(([r, n]) => `${r}: ${n}`).join(', ')}` : ''}`);
  for (const r of s.firstRejections) console.log(`    line ${r.line}: ${r.field ? `${r.field}: ` : ''}${r.message} (${r.reason})`);
  if (s.rejected > s.firstRejections.length) console.log(`    … and ${s.rejected - s.firstRejections.length} more (see ingestionStatus / ingest_rejections)`);
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { key: { type: 'string' }, source: { type: 'string' }, chunk: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  eventFileFormat(file);
  if (!fs.existsSync(file)) throw new EventFileError(`${file}: no such file`);
  const chunkSize = Number(values.chunk ?? 5000);
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 100_000) throw new UsageError('--chunk must be an integer between 1 and 100000');
  const source = values.source ?? 'file-import';
  if (!SOURCE_NAME.test(source)) throw new UsageError('--source must be lower-case letters, digits, ".", "_" or "-"');
  const config = loadConfig();
  const size = fs.statSync(file).size;

  const holder = config.clickhouse.transport === 'embedded' ? readEmbeddedLock(config.clickhouse.path) : undefined;
  const url = values.url ?? (holder?.port ? `http://127.0.0.1:${holder.port}` : undefined);
  if (url) {
    console.log(values.url ? `Sending to the product at ${url} (its API).` : `The product is running (pid ${holder!.pid}): sending through its API at ${url}.`);
    return viaApi(config, file, url, values.key ?? process.env.INGEST_API_KEY, source, chunkSize, size);
  }
  if (holder) {
    throw new EmbeddedStoreBusyError(config.clickhouse.path, holder);
  }
  console.log(`No product running on ${config.dataDir}: opening the stores in this process.`);
  const local = await openLocalIngestion(config, 'ingest');
  try {
    return await runImport(file, pipelineSink(local.runtime.pipeline, source), chunkSize, size);
  } finally {
    await local.close();
  }
}

async function viaApi(config: AppConfig, file: string, url: string, key: string | undefined, source: string, chunkSize: number, size: number): Promise<number> {
  if (key) return runImport(file, apiSink(url, key), chunkSize, size);
  // Local trust: a temporary key of `source`, revoked when the import ends.
  const relational = await openMigratedRelationalStore(config);
  const keys = new ApiKeysService(relational);
  // National reach: whoever can write the relational store administers the product anyway.
  const temporary = await keys.create(source, 'national');
  console.log(`No --key given: using a temporary key of source ${source}, revoked at the end.`);
  try {
    return await runImport(file, apiSink(url, temporary.key), chunkSize, size);
  } finally {
    await keys.revoke(temporary.id);
    await relational.destroy();
  }
}

async function runImport(file: string, sink: EventSink, chunkSize: number, size: number): Promise<number> {
  const progress = progressReporter(size);
  let summary: ImportSummary;
  try {
    summary = await importEventFile(file, sink, { chunkSize, onProgress: (p) => progress.update(p) });
  } finally {
    progress.stop();
  }
  printSummary(file, summary);
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof EventFileError || err instanceof ApiSinkError) {
      console.error(err.message);
    } else if (err instanceof EmbeddedStoreBusyError) {
      console.error(`The embedded ClickHouse directory is in use by another command (${err.holder.command}, pid ${err.holder.pid}) that has no API: wait for it to finish.`);
    } else {
      console.error(`ingest: ${(err as Error)?.message ?? String(err)}`);
    }
    process.exit(1);
  },
);
