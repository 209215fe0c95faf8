import * as fs from 'node:fs';
import { CLICKHOUSE_MIGRATIONS_DIR, checkMigrationFileNames, loadClickHouseMigrations, parseMigration } from './clickhouse-migration-files';

describe('ClickHouse migration files', () => {
  it('the shipped directory is numbered 0001… without gaps, one statement per file, each idempotent', () => {
    const migrations = loadClickHouseMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(migrations.length).toBe(fs.readdirSync(CLICKHOUSE_MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length);
    for (const m of migrations) {
      // A migration interrupted between its statement and its record must be safe to run again.
      if (/^CREATE/i.test(m.statement)) expect(m.statement).toMatch(/^CREATE (TABLE|MATERIALIZED VIEW|VIEW|DATABASE) IF NOT EXISTS /i);
    }
  });

  it('orders by number whatever the listing order', () => {
    expect(checkMigrationFileNames(['0002_create_b.sql', 'README.md', '0001_create_a.sql'])).toEqual([
      '0001_create_a.sql',
      '0002_create_b.sql',
    ]);
  });

  it('fails on a gap in the numbering', () => {
    expect(() => checkMigrationFileNames(['0001_create_a.sql', '0003_create_c.sql'])).toThrow(
      'ClickHouse migrations must be numbered 0001, 0002, … without gaps: expected 0002 but found "0003_create_c.sql"',
    );
  });

  it('fails on a duplicate number', () => {
    expect(() => checkMigrationFileNames(['0001_create_a.sql', '0001_create_b.sql'])).toThrow(
      'ClickHouse migrations "0001_create_a.sql" and "0001_create_b.sql" share the number 0001',
    );
  });

  it('fails on a name that is not NNNN_verb_noun.sql', () => {
    expect(() => checkMigrationFileNames(['1_events.sql'])).toThrow(/"1_events.sql" is not named NNNN_verb_noun.sql/);
    expect(() => checkMigrationFileNames(['0001_events.sql'])).toThrow(/is not named NNNN_verb_noun.sql/);
    expect(() => checkMigrationFileNames(['0001_Create_Events.sql'])).toThrow(/is not named NNNN_verb_noun.sql/);
  });

  it('refuses a file holding two statements, but not a semicolon inside a string or a comment', () => {
    expect(() => parseMigration('0001_create_a.sql', 'CREATE TABLE a (x UInt8) ENGINE = Log; DROP TABLE a;')).toThrow(
      'ClickHouse migration 0001_create_a.sql holds more than one statement: write one statement per file',
    );
    const m = parseMigration(
      '0001_create_a.sql',
      "-- note; with a semicolon\n-- sharding_key: user_key\nCREATE TABLE IF NOT EXISTS a (x String DEFAULT ';') ENGINE = Log;\n",
    );
    expect(m.statement).toBe("CREATE TABLE IF NOT EXISTS a (x String DEFAULT ';') ENGINE = Log");
    expect(m.directives).toEqual({ sharding_key: 'user_key' });
    expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
  });
});
