import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RelationalConfig } from '@ent/config';
import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import { FIXTURES_DIR } from '../catalog-test-support';

// Each run starts Node and compiles the CLI: seconds, not milliseconds.
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../../..');

// No product runs on this (empty) data directory: the tool imports into the store directly.
const DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-catalog-cli-'));
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));
const DIRECT = `No product running on ${DATA_DIR}: importing into the store directly.\n`;

function importCli(config: RelationalConfig, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const DATABASE_URL = config.type === 'sqlite' ? `sqlite:${config.file}` : config.url;
  const r = spawnSync(process.execPath, ['scripts/run-ts.js', 'api/src/catalog/cli/catalog-import.cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL, DATA_DIR, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.each(RELATIONAL_TARGETS)('npm run catalog:import on $name', (target) => {
  let config: RelationalConfig;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ config, cleanup } = await target.create());
  });
  afterAll(async () => cleanup?.());

  const annuaire = path.join(FIXTURES_DIR, 'fr-en-annuaire-education.sample.csv');

  it('prints the summary of a dry run, then imports, then finds everything unchanged', () => {
    const dry = importCli(config, 'annuaire', annuaire, '--dry-run');
    expect(dry.stderr).toBe('');
    expect(dry.stdout.startsWith(DIRECT)).toBe(true);
    expect(dry.stdout.slice(DIRECT.length)).toMatch(/^Dry run \(nothing written\): annuaire .* created 9, updated 0, unchanged 0, rejected 0\n$/);
    expect(importCli(config, 'annuaire', annuaire).stdout).toMatch(/: created 9, updated 0, unchanged 0, rejected 0\n$/);
    const again = importCli(config, 'annuaire', annuaire);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/: created 0, updated 0, unchanged 9, rejected 0\n$/);
  });

  it('prints every rejected line as "line N, column X: reason"', () => {
    const r = importCli(config, 'ips', path.join(FIXTURES_DIR, 'fr-en-ips-ecoles-ap2022.sample.csv'));
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(2, 4)).toEqual([
      'line 2, column uai: unknown establishment 0700174J: import it with the annuaire first',
      'line 3, column uai: unknown establishment 0700185W: import it with the annuaire first',
    ]);
  });

  it('stops with exit code 1 and one message for an unusable file', () => {
    const r = importCli(config, 'annuaire', path.join(FIXTURES_DIR, 'fr-en-annuaire-education.excel-resaved.sample.csv'));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(DIRECT);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('This annuaire file was damaged by a spreadsheet (line 2:');
    const wrongKind = importCli(config, 'pupils', annuaire);
    expect(wrongKind.status).toBe(2);
    expect(wrongKind.stderr).toMatch(/^Unknown kind "pupils"/);
  });
});
