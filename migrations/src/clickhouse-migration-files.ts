import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The directory holding `NNNN_verb_noun.sql`, one statement per file. */
export const CLICKHOUSE_MIGRATIONS_DIR = path.resolve(__dirname, '../clickhouse');

export interface ClickHouseMigration {
  version: number;
  /** File name without `.sql`, e.g. `0002_create_events`. */
  name: string;
  /** The statement, comments and the trailing semicolon removed. */
  statement: string;
  /** Directives read from `-- key: value` comment lines (e.g. `sharding_key`). */
  directives: Record<string, string>;
  /** SHA-256 of the file's bytes, recorded when applied. */
  checksum: string;
}

export class MigrationSetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationSetError';
  }
}

const FILE_NAME = /^(\d{4})_([a-z]+(?:_[a-z0-9]+)+)\.sql$/;

/**
 * Checks a set of file names: each is `NNNN_verb_noun.sql`, numbers start at 0001 and follow each
 * other with no gap and no duplicate. Returns the names sorted by number.
 */
export function checkMigrationFileNames(fileNames: readonly string[]): string[] {
  const sql = fileNames.filter((f) => f.endsWith('.sql'));
  const byVersion = new Map<number, string>();
  for (const file of sql) {
    const m = FILE_NAME.exec(file);
    if (!m) {
      throw new MigrationSetError(
        `ClickHouse migration file "${file}" is not named NNNN_verb_noun.sql (four digits, then lower-case words joined by underscores)`,
      );
    }
    const version = Number(m[1]);
    const other = byVersion.get(version);
    if (other) throw new MigrationSetError(`ClickHouse migrations "${other}" and "${file}" share the number ${m[1]}`);
    byVersion.set(version, file);
  }
  const versions = [...byVersion.keys()].sort((a, b) => a - b);
  versions.forEach((v, i) => {
    if (v !== i + 1) {
      throw new MigrationSetError(
        `ClickHouse migrations must be numbered 0001, 0002, … without gaps: expected ${String(i + 1).padStart(4, '0')} but found "${byVersion.get(v)}"`,
      );
    }
  });
  return versions.map((v) => byVersion.get(v) as string);
}

/** Removes `--` and `/* *\/` comments outside string literals. */
export function stripSqlComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length && sql[j] !== c) j += sql[j] === '\\' ? 2 : 1;
      out += sql.slice(i, j + 1);
      i = j + 1;
    } else if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end < 0 ? sql.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Parses one migration file's text; refuses a file with more than one statement. */
export function parseMigration(fileName: string, text: string): ClickHouseMigration {
  const name = fileName.replace(/\.sql$/, '');
  const directives: Record<string, string> = {};
  for (const m of text.matchAll(/^--\s*([a-z_]+):\s*(.+?)\s*$/gm)) directives[m[1]] = m[2];
  const statement = stripSqlComments(text).trim().replace(/;\s*$/, '').trim();
  if (!statement) throw new MigrationSetError(`ClickHouse migration ${fileName} holds no statement`);
  if (stripStrings(statement).includes(';')) {
    throw new MigrationSetError(`ClickHouse migration ${fileName} holds more than one statement: write one statement per file`);
  }
  return {
    version: Number(name.slice(0, 4)),
    name,
    statement,
    directives,
    checksum: createHash('sha256').update(text).digest('hex'),
  };
}

function stripStrings(sql: string): string {
  return sql.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, "''");
}

/** Reads, checks and parses every migration of a directory, in order. */
export function loadClickHouseMigrations(dir: string = CLICKHOUSE_MIGRATIONS_DIR): ClickHouseMigration[] {
  const files = checkMigrationFileNames(fs.readdirSync(dir));
  return files.map((f) => parseMigration(f, fs.readFileSync(path.join(dir, f), 'utf8')));
}
