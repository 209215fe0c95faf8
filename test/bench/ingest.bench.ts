/**
 * `npm run bench:ingest [-- --events 200000 --rounds 3]`
 *
 * Events/s through `POST /ingest/events` (NDJSON, 1,000 events per request, 4 clients, validation +
 * pseudonymisation + dedup + ack after commit) against a raw `@clickhouse/client` insert of the
 * identical rows, with the same batch sizes, into a table of the same definition on the same
 * engine, feeding the same materialized views (rollups, change log). Rounds are interleaved; the
 * best round of each path is compared. Ends with `ingest ratio http/raw: <number>` and writes the
 * figures to bench/results/.
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@ent/config';
import { generateDemoEvents, type EventRow, type IncomingEventV1 } from '@ent/ingest';
import { createApp } from '../../api/src/bootstrap';
import { IngestionRuntime } from '../../api/src/ingestion/ingestion-runtime';
import { materializedViews } from '../../api/src/analytics/rollups/rollup-backfill';
import { closeStores, openStores } from '../../api/src/stores/open-stores';
import { freePort, REPO_ROOT } from '../support/product-process';

const { values } = parseArgs({ options: { events: { type: 'string' }, rounds: { type: 'string' }, clients: { type: 'string' } } });
const EVENTS = Number(values.events ?? 200_000);
const ROUNDS = Number(values.rounds ?? 3);
const CLIENTS = Number(values.clients ?? 4);
const PER_REQUEST = 1000;
/** The writer's default `maxConcurrentInserts`. */
const INSERTS_IN_FLIGHT = 2;

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-bench-ingest-'));
  const port = await freePort();
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'silent', DEMO: '0', NODE_ENV: 'production' });
  const stores = await openStores(config, { info: () => undefined });
  const app = await createApp(config, stores);
  await app.listen(port, '127.0.0.1');
  const runtime = app.get(IngestionRuntime);
  const { key } = await runtime.apiKeys.create('bench', 'national');
  const ch = stores.clickhouse;

  // The demo generator at the size asked for (about 510,000 events per unit of scale: the scale
  // grows until there are enough events).
  // Each round sends new events: the writer remembers the ids it stored, so resending the same ones
  // after a TRUNCATE would (rightly) store nothing.
  const all: IncomingEventV1[] = [];
  for (const e of generateDemoEvents({ seed: 7, scale: Math.max(1, (EVENTS * ROUNDS) / 450_000) })) {
    all.push(e);
    if (all.length >= EVENTS * ROUNDS) break;
  }
  await ch.command('CREATE TABLE IF NOT EXISTS events_raw_bench AS events');
  // The raw reference pays the same storage work as `events`: every materialized view of the
  // migrations (rollups, change log), re-pointed at the copy, writing into the same tables.
  let views = 0;
  for (const { view, table, select } of materializedViews()) {
    await ch.command(`CREATE MATERIALIZED VIEW IF NOT EXISTS bench_raw_${view} TO ${table} AS ${select.replace(/\bFROM events\b/, 'FROM events_raw_bench')}`);
    views++;
  }
  console.log(`raw reference: @clickhouse/client inserts into a copy of events with the same ${views} materialized views`);

  const results: { round: number; http: number; raw: number; batches: number; avgBatch: number }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const events = all.slice((round - 1) * EVENTS, round * EVENTS);
    const bodies: string[] = [];
    for (let i = 0; i < events.length; i += PER_REQUEST) bodies.push(events.slice(i, i + PER_REQUEST).map((e) => JSON.stringify(e)).join('\n') + '\n');
    // The raw path inserts the very rows the HTTP path stores (pseudonymised), prepared untimed.
    const rows: EventRow[] = (await runtime.pipeline.prepare(events.map((value) => ({ value })), 'bench')).rows;
    await ch.command('TRUNCATE TABLE events');
    await ch.command('TRUNCATE TABLE events_raw_bench');
    const batchesBefore = runtime.writer.stats.batches;
    const rowsBefore = runtime.writer.stats.rowsWritten;
    let next = 0;
    const t0 = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const res = await fetch(`http://127.0.0.1:${port}/ingest/events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
            body,
          });
          const answer = (await res.json()) as { accepted: number };
          if (res.status !== 200 || answer.accepted !== body.split('\n').length - 1) throw new Error(`unexpected answer ${res.status}: ${JSON.stringify(answer).slice(0, 300)}`);
        }
      }),
    );
    const httpSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const batches = runtime.writer.stats.batches - batchesBefore;
    const avgBatch = Math.round((runtime.writer.stats.rowsWritten - rowsBefore) / batches);

    const t1 = process.hrtime.bigint();
    // Same batch size and the same number of inserts in flight as the writer.
    let nextRow = 0;
    await Promise.all(
      Array.from({ length: INSERTS_IN_FLIGHT }, async () => {
        while (nextRow < rows.length) {
          const slice = rows.slice(nextRow, nextRow + avgBatch);
          nextRow += avgBatch;
          await ch.insert('events_raw_bench', slice);
        }
      }),
    );
    const rawSeconds = Number(process.hrtime.bigint() - t1) / 1e9;

    const [c] = await ch.query<{ a: number; b: number }>('SELECT (SELECT count() FROM events) AS a, (SELECT count() FROM events_raw_bench) AS b');
    if (Number(c.a) !== rows.length || Number(c.b) !== rows.length) throw new Error(`row counts differ: http ${c.a}, raw ${c.b}, expected ${rows.length}`);
    const r = { round, http: Math.round(rows.length / httpSeconds), raw: Math.round(rows.length / rawSeconds), batches, avgBatch };
    results.push(r);
    console.log(`round ${round}: http ${r.http} ev/s (${batches} batches, ~${avgBatch} rows), raw ${r.raw} ev/s`);
  }

  const http = Math.max(...results.map((r) => r.http));
  const raw = Math.max(...results.map((r) => r.raw));
  const ratio = Math.round((http / raw) * 1000) / 1000;
  const outDir = path.join(REPO_ROOT, 'bench/results');
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `ingest-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const figures = { events: EVENTS, perRequest: PER_REQUEST, clients: CLIENTS, rounds: results, httpEventsPerSecond: http, rawEventsPerSecond: raw, ratio, cpus: os.cpus().length, node: process.version };
  fs.writeFileSync(out, JSON.stringify(figures, null, 2));
  console.log(`\nPOST /ingest/events: ${http} events/s`);
  console.log(`raw insert (same rows, same engine): ${raw} events/s`);
  console.log(`figures: ${path.relative(REPO_ROOT, out)}`);
  console.log(`ingest ratio http/raw: ${ratio}`);

  await app.close();
  await closeStores(stores);
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`bench:ingest failed: ${(err as Error)?.stack ?? String(err)}`);
    process.exit(1);
  },
);
