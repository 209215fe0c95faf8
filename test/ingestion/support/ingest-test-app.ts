import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { ClickHouseStore } from '@ent/clickhouse';
import type { AppConfig } from '@ent/config';
import type { DataSource } from 'typeorm';
import { IngestionRuntime } from '../../../api/src/ingestion/ingestion-runtime';
import { startTestApp } from '../../support/test-app';
import { RELATIONAL_TARGETS, type RelationalTarget } from '../../support/test-stores';

export interface IngestTestApp {
  app: INestApplication;
  baseUrl: string;
  clickhouse: ClickHouseStore;
  relational: DataSource;
  runtime: IngestionRuntime;
  config: AppConfig;
  /** A valid API key of source `ent-test`. */
  key: string;
  close(): Promise<void>;
}

/**
 * The product's Nest application on real test stores (its own ClickHouse database, a fresh SQLite
 * or PostgreSQL store), listening on a free loopback port.
 */
export async function startIngestTestApp(
  options: { env?: Record<string, string>; relational?: 'sqlite' | 'postgres'; beforeStart?: (relational: DataSource) => Promise<void> } = {},
): Promise<IngestTestApp> {
  const target = RELATIONAL_TARGETS.find((t) => t.name === (options.relational ?? 'sqlite')) as RelationalTarget;
  const t = await startTestApp({ INGEST_FLUSH_INTERVAL_MS: '50', ...options.env }, target, options.beforeStart);
  const runtime = t.app.get(IngestionRuntime);
  const { key } = await runtime.apiKeys.create('ent-test', 'national');
  return { app: t.app, baseUrl: t.url, clickhouse: t.clickhouse, relational: t.relational, runtime, config: t.config, key, close: () => t.close() };
}

/** A valid contract v1 event; `overrides` replace or (with undefined) remove fields. */
export function validEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const e: Record<string, unknown> = {
    event_id: randomUUID(),
    occurred_at: new Date(Date.now() - 3600_000).toISOString().replace('Z', '+00:00'),
    uai: '0700035H',
    profile: 'eleve',
    user_id: 'jdupont42',
    family_id: 'foyer-17',
    session_id: 'sess-abc',
    service: 'cahier_textes',
    service_label: 'Cahier de textes',
    action: 'access',
    device: 'smartphone',
  };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === undefined) delete e[k];
    else e[k] = v;
  }
  return e;
}

export async function post(
  t: IngestTestApp,
  body: string | Buffer,
  headers: Record<string, string> = {},
  route = '/ingest/events',
  method = 'POST',
  // The answers of several routes are asserted field by field: typing each shape adds nothing here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${t.baseUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: kept as text for the assertion message
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function countEvents(store: ClickHouseStore): Promise<{ rows: number; distinct: number }> {
  const [r] = await store.query<{ rows: number; distinct: number }>('SELECT count() AS rows, uniqExact(event_id) AS distinct FROM events');
  return { rows: Number(r.rows), distinct: Number(r.distinct) };
}

export const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
