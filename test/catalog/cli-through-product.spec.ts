import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort, REPO_ROOT, startProduct, stopProduct, waitUntilReady, type ProductProcess } from '../support/product-process';
import { runTs } from '../reliability/support/reliability-helpers';

jest.setTimeout(300_000);

const IMPORT = 'api/src/catalog/cli/catalog-import.cli.ts';
const KEYS = 'api/src/ingestion/cli/ingest-keys.cli.ts';
const FIXTURES = path.join(REPO_ROOT, 'api/src/catalog/fixtures');

/** `npm run catalog:import` and `npm run keys`: through the running product's API when it runs, on the store otherwise. */
describe('catalog:import and keys with and without the product running', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-cli-product-'));
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-noweb-'));
  const env = { DATA_DIR: dataDir, WEB_DIST: webDist, DEMO: '0', LOG_LEVEL: 'warn', ADMIN_EMAIL: 'ops@cli.test', ADMIN_PASSWORD: 'a long enough admin password 1' };
  const annuaire = path.join(FIXTURES, 'fr-en-annuaire-education.sample.csv');
  let product: ProductProcess | undefined;
  afterAll(async () => {
    if (product) await stopProduct(product);
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(webDist, { recursive: true, force: true });
  });

  it('opens the store directly when no product runs, and says so', async () => {
    const dry = await runTs(IMPORT, ['annuaire', annuaire, '--dry-run'], env);
    expect(dry.stdout.split('\n').slice(0, 2)).toEqual([
      `No product running on ${dataDir}: importing into the store directly.`,
      `Dry run (nothing written): annuaire ${annuaire} → SQLite at ${path.join(dataDir, 'catalog.sqlite')}: created 9, updated 0, unchanged 0, rejected 0`,
    ]);
    const keys = await runTs(KEYS, ['create', 'ent-before', '--territory', 'departement:70'], env);
    expect(keys.stdout).toMatch(new RegExp(`^No product running on ${dataDir}: opening the store directly.\\nAPI key created for source ent-before \\(id [0-9a-f-]+\\)`));
  });

  it('goes through the running product: upload route for imports, GraphQL for keys, as a temporary administrator session', async () => {
    product = startProduct(env, await freePort());
    await waitUntilReady(product);
    const through = `The product is running (pid ${product.child.pid}): `;
    const url = product.baseUrl;

    const imported = await runTs(IMPORT, ['annuaire', annuaire], env);
    expect(imported.stdout).toBe(`${through}importing through its API at ${url}.\nannuaire ${annuaire} → the product at ${url}: created 9, updated 0, unchanged 0, rejected 0\n`);
    const calendar = path.join(FIXTURES, 'fr-en-calendrier-scolaire.labels.sample.csv');
    const dry = await runTs(IMPORT, ['calendar', calendar, '--dry-run'], env);
    expect(dry.stdout.split('\n')[1]).toBe(`Dry run (nothing written): calendar ${calendar} → the product at ${url}: created 4, updated 0, unchanged 0, rejected 0`);
    const damaged = await runTs(IMPORT, ['annuaire', path.join(FIXTURES, 'fr-en-annuaire-education.excel-resaved.sample.csv')], env).catch((err: { code: number; stderr: string }) => err);
    expect(damaged).toMatchObject({ code: 1 });
    expect((damaged as { stderr: string }).stderr).toContain('This annuaire file was damaged by a spreadsheet (line 2:');

    const created = await runTs(KEYS, ['create', 'ent-during', '--territory', 'departement:70'], env);
    expect(created.stdout).toMatch(new RegExp(`^${through.replace(/[()]/g, '\\$&')}managing the keys through its API at ${url}.\\nAPI key created for source ent-during \\(id [0-9a-f-]+\\)`));
    const id = /\(id ([0-9a-f-]+)\)/.exec(created.stdout)?.[1] as string;
    const revoked = await runTs(KEYS, ['revoke', id], env);
    expect(revoked.stdout).toMatch(new RegExp(`API key ${id} \\(\\S+…\\) of source ent-during is revoked.\\n$`));
    const list = await runTs(KEYS, ['list'], env);
    expect(list.stdout).toMatch(/ent-before\s+created \S+\s+reach: departement:70\n/);
    expect(list.stdout).toMatch(/ent-during\s+created \S+\s+REVOKED/);

    expect(await stopProduct(product)).toBe(0);
    product = undefined;
    // The tool's temporary sessions were all closed.
    const db = new Database(path.join(dataDir, 'catalog.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM user_session WHERE revoked_at IS NULL').get()).toEqual({ n: 0 });
    db.close();
    const again = await runTs(IMPORT, ['annuaire', annuaire], env);
    expect(again.stdout).toMatch(/^No product running on .*\nannuaire .* created 0, updated 0, unchanged 9, rejected 0\n$/);
  });
});
