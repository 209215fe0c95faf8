import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClickHouseConfig } from '@ent/config';
import { serverClientOptions } from './clickhouse-client.factory';
import { ClickHouseStore, isAtLeast } from './clickhouse-store';

/**
 * No modern ClickHouse server can run on this machine: a loopback HTTP listener plays the server
 * and records what the official client sends when the product is configured for a server.
 */
describe('server transport', () => {
  const config: ClickHouseConfig = {
    transport: 'server',
    path: '/unused',
    url: '', // set once the listener has a port
    user: 'observatory',
    password: 'p@ss:word',
    database: 'ent_prod',
    maxExecutionTimeSeconds: 12,
    requestTimeoutMs: 5000,
  };
  const seen: { url: URL; auth: string | undefined; body: string }[] = [];
  let serverVersion = '24.8.1';
  let server: http.Server;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ url: new URL(req.url ?? '/', 'http://x'), auth: req.headers.authorization, body });
        if (body.includes('FORMAT JSONEachRow') || new URL(req.url ?? '/', 'http://x').searchParams.get('query')?.includes('JSONEachRow')) {
          res.setHeader('Content-Type', 'application/x-ndjson');
          res.end(`{"v":"${serverVersion}"}\n`);
        } else {
          res.end('');
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    config.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('builds the client options from the URL, credentials, database and pinned settings', () => {
    const options = serverClientOptions({ ...config, url: 'https://ch.example.org:8443' });
    expect(options).toMatchObject({
      url: 'https://ch.example.org:8443',
      username: 'observatory',
      password: 'p@ss:word',
      database: 'ent_prod',
      request_timeout: 5000,
    });
    expect(options.clickhouse_settings).toMatchObject({ max_execution_time: 12, async_insert: 0, insert_deduplicate: 1 });
  });

  it('creates the database, then queries it with credentials and settings on every request', async () => {
    const store = await ClickHouseStore.open(config);
    expect(await store.serverVersion()).toBe('24.8.1');
    await store.close();

    const expectedAuth = `Basic ${Buffer.from('observatory:p@ss:word').toString('base64')}`;
    // create database, version check at opening, the query above
    expect(seen.length).toBe(3);
    expect(seen.every((r) => r.auth === expectedAuth)).toBe(true);
    // 1. database created without selecting it (it may not exist yet)
    expect(seen[0].body).toBe('CREATE DATABASE IF NOT EXISTS `ent_prod`');
    expect(seen[0].url.searchParams.get('database')).toBeNull();
    // 2. the query runs in the configured database with the product's settings
    expect(seen[2].url.searchParams.get('database')).toBe('ent_prod');
    expect(seen[2].url.searchParams.get('max_execution_time')).toBe('12');
    expect(seen[2].url.searchParams.get('async_insert')).toBe('0');
    expect(seen[2].url.searchParams.get('session_timezone')).toBe('UTC');
    expect(seen[2].body).toContain('SELECT version() AS v');
  });

  it('refuses a server older than the minimum version, saying which', async () => {
    serverVersion = '23.8.16.16';
    await expect(ClickHouseStore.open(config)).rejects.toThrow(
      `ClickHouse server 23.8.16.16 is too old: this product needs 24.3 or later (server ${config.url}, database ent_prod)`,
    );
    serverVersion = '24.8.1';
  });
});

describe('isAtLeast', () => {
  it('compares dotted versions number by number', () => {
    expect([isAtLeast('24.3', '24.3'), isAtLeast('24.10.1', '24.3'), isAtLeast('24.2.9', '24.3'), isAtLeast('26.7.2.1', '24.3')]).toEqual([true, true, false, true]);
  });
});
