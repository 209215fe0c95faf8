import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadClickHouseMigrations, RELATIONAL_MIGRATIONS } from '@ent/migrations';
import { BrowserSession } from '../support/browser-session';
import { freePort, startProduct, stopProduct, waitUntilReady, type ProductProcess } from '../support/product-process';

jest.setTimeout(240_000);

async function graphql(p: ProductProcess, query: string) {
  const res = await fetch(`${p.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] } };
}

describe('the product started as `npm start` starts it', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-start-'));
  let product: ProductProcess | undefined;

  afterAll(async () => {
    if (product) await stopProduct(product);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers on /readyz, /healthz, /graphql and / with embedded stores', async () => {
    product = startProduct({ DATA_DIR: dataDir, DEMO: '0' }, await freePort());
    await waitUntilReady(product);

    const ready = await fetch(`${product.baseUrl}/readyz`);
    expect(await ready.json()).toEqual({
      status: 'ready',
      clickhouse: { ok: true, detail: `${loadClickHouseMigrations().length} migrations applied` },
      relational: { ok: true, detail: `${RELATIONAL_MIGRATIONS.length} migrations applied` },
    });
    expect(await (await fetch(`${product.baseUrl}/healthz`)).json()).toEqual({ status: 'ok' });

    const gql = await graphql(product, '{ system { product ready clickhouse { ok } relational { ok } } }');
    expect(gql.status).toBe(200);
    expect(gql.body).toEqual({
      data: { system: { product: 'Observatoire des usages ENT', ready: true, clickhouse: { ok: true }, relational: { ok: true } } },
    });

    const home = await fetch(`${product.baseUrl}/`);
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('<title>Observatoire des usages ENT</title>');
    const script = /<script type="module" crossorigin src="([^"]+)"/.exec(html)?.[1];
    expect(script).toMatch(/^\/assets\/index-.+\.js$/);
    expect((await fetch(`${product.baseUrl}${script}`)).status).toBe(200);
    // A shared deep link opens the application too.
    expect((await fetch(`${product.baseUrl}/territoires/70`)).status).toBe(200);

    // The first administrator gets a one-time password, printed once.
    const otp = /First administrator created: admin@localhost, one-time password (\S+) /.exec(product.output())?.[1];
    expect(otp).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const admin = new BrowserSession(product.baseUrl);
    expect((await admin.login('admin@localhost', otp as string)).status).toBe(200);
    expect((await admin.graphql('{ me { role mustChangePassword } }')).body).toEqual({ data: { me: { role: 'admin', mustChangePassword: true } } });

    // Every local file of the embedded default lives under DATA_DIR.
    expect(fs.readdirSync(dataDir).sort()).toEqual(['catalog.sqlite', 'catalog.sqlite-shm', 'catalog.sqlite-wal', 'clickhouse', 'ingest-hmac.key']);
  });

  it('refuses a second process on the same data directory with a clear message', async () => {
    const second = startProduct({ DATA_DIR: dataDir, DEMO: '0' }, await freePort());
    expect(await second.exited).toBe(1);
    expect(second.stderr().trim()).toBe(
      `The embedded ClickHouse data directory ${path.join(dataDir, 'clickhouse')} is already used by another process (is the product already running?). Stop that process, or set DATA_DIR to another directory.`,
    );
  });

  it('stops cleanly on SIGTERM and reuses its data at the next start', async () => {
    expect(await stopProduct(product as ProductProcess)).toBe(0);
    product = startProduct({ DATA_DIR: dataDir, DEMO: '0' }, await freePort());
    await waitUntilReady(product);
    expect(product.output()).toMatch(/ClickHouse ready \(embedded chDB at .*\); schema up to date/);
    expect(product.output()).toMatch(/Relational store ready \(SQLite at .*\); schema up to date/);
    expect(product.output()).not.toContain('First administrator created');
    expect((await graphql(product, '{ system { ready } }')).body).toEqual({ data: { system: { ready: true } } });
  });

  it('stops at start with one line naming a bad configuration variable', async () => {
    const bad = startProduct({ DATA_DIR: dataDir, PORT: 'abc' }, 0);
    expect(await bad.exited).toBe(1);
    expect(bad.stderr()).toBe('Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")\n');
  });
});
