import type { DataSource, ObjectLiteral } from 'typeorm';
import type { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import { ensureReferenceTerritories } from '../reference/seed-reference-territories';
import { readCsvRows, type CsvText } from './csv-table.util';
import type { CatalogImportKind, ImportKindDefinition, ParsedLine, RowProblem } from './import-kind';
import { annuaireImport } from './kinds/annuaire.import';
import { budgetsImport } from './kinds/budgets.import';
import { calendarImport } from './kinds/calendar.import';
import { deploymentImport } from './kinds/deployment.import';
import { effectifsImport } from './kinds/effectifs.import';
import { enrolmentsImport } from './kinds/enrolments.import';
import { goalsImport } from './kinds/goals.import';
import { ipsImport } from './kinds/ips.import';
import { upsertRecords } from './upsert.util';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const KINDS: Record<CatalogImportKind, ImportKindDefinition<any, ObjectLiteral>> = {
  annuaire: annuaireImport,
  ips: ipsImport,
  enrolments: enrolmentsImport,
  effectifs: effectifsImport,
  deployment: deploymentImport,
  goals: goalsImport,
  budgets: budgetsImport,
  calendar: calendarImport,
};

export interface ImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  /** Lines refused (a line with several problems counts once). */
  rejected: number;
}

export interface ImportRejection extends RowProblem {
  line: number;
}

export interface ImportReport {
  kind: CatalogImportKind;
  dryRun: boolean;
  summary: ImportSummary;
  /** Every problem of every refused line, by line number. */
  rejections: ImportRejection[];
}

export interface ImportOptions {
  dryRun?: boolean;
  scope: TerritorialScope;
  scopeService: ScopeService;
}

const CHUNK = 500;
const ATTEMPTS = 5;

/** The file: its whole text, or its text in chunks as it is read (see `decodeCatalogStream`). */
export type CatalogFileText = CsvText;

/**
 * Another import (another process, another API instance) wrote the same keys between our read and
 * our insert (PostgreSQL: unique violation, or a deadlock between two imports of one file).
 */
function isWriteConflict(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' || code === '40P01' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * TypeORM's SQLite drivers share one connection between every query runner: a second transaction
 * begun while one is open fails. Imports on SQLite therefore run one after the other per store.
 */
const sqliteImports = new WeakMap<DataSource, Promise<unknown>>();

function serialised<T>(dataSource: DataSource, run: () => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'postgres') return run();
  const previous = sqliteImports.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  sqliteImports.set(dataSource, next);
  return next;
}

/**
 * Imports one catalog file, read row by row (a national annuaire is never held whole in memory).
 * Bad lines are refused one by one with their line, column and reason, and never block the good
 * ones; a file that cannot be read at all throws `UnusableFileError`. Writes are idempotent upserts
 * in one transaction; a dry run classifies every line the same way and rolls back. Each slice of
 * 500 lines is written under a savepoint and written again when a concurrent import inserted the
 * same keys first, so two imports of one file both succeed.
 */
export function runCatalogImport(dataSource: DataSource, kind: CatalogImportKind, text: CatalogFileText, options: ImportOptions): Promise<ImportReport> {
  return serialised(dataSource, () => importFile(dataSource, kind, text, options));
}

async function importFile(dataSource: DataSource, kind: CatalogImportKind, text: CatalogFileText, options: ImportOptions): Promise<ImportReport> {
  const definition = KINDS[kind];
  const file = await readCsvRows(text, definition.columns);
  const width = file.header.length;

  const rejections: ImportRejection[] = [];
  const reject = (line: number, problems: readonly RowProblem[]) => problems.forEach((p) => rejections.push({ line, ...p }));
  // Duplicates are found across the whole file: one short key per accepted line is kept.
  const firstLineOfKey = new Map<string, number>();
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };

  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    const manager = queryRunner.manager;
    await ensureReferenceTerritories(manager);

    const writeChunk = async (chunk: ParsedLine<unknown>[]) => {
      for (let attempt = 1; ; attempt++) {
        await queryRunner.startTransaction(); // a savepoint
        try {
          const problems = await definition.checkStore({ manager, scope: options.scope, scopeService: options.scopeService }, chunk);
          const records = chunk.filter((l) => !problems.has(l.line)).map((l) => l.record);
          await definition.beforeWrite?.(manager, records);
          const counts = await upsertRecords(manager, definition.target, records);
          await queryRunner.commitTransaction(); // releases the savepoint
          for (const [line, p] of problems) reject(line, p);
          summary.created += counts.created;
          summary.updated += counts.updated;
          summary.unchanged += counts.unchanged;
          return;
        } catch (err) {
          await queryRunner.rollbackTransaction(); // back to the savepoint: the chunk is read again, with the other import's rows
          if (!isWriteConflict(err) || attempt >= ATTEMPTS) throw err;
        }
      }
    };

    let pending: ParsedLine<unknown>[] = [];
    for await (const row of file.rows) {
      definition.checkFileRow?.(row);
      if (row.fieldCount !== width) {
        reject(row.line, [{ column: '(line)', reason: `${row.fieldCount} fields where the header has ${width}` }]);
        continue;
      }
      const result = definition.parseRow(row);
      if (result.problems) {
        reject(row.line, result.problems);
        continue;
      }
      const key = definition.target.keyOf(result.record);
      const first = firstLineOfKey.get(key);
      if (first !== undefined) {
        reject(row.line, [{ column: row.column(definition.columns[0].key), reason: `duplicate of line ${first} (same ${definition.keyDescription})` }]);
        continue;
      }
      firstLineOfKey.set(key, row.line);
      pending.push({ line: row.line, row, record: result.record });
      if (pending.length >= CHUNK) {
        await writeChunk(pending);
        pending = [];
      }
    }
    if (pending.length) await writeChunk(pending);

    if (options.dryRun) await queryRunner.rollbackTransaction();
    else await queryRunner.commitTransaction();
  } catch (err) {
    if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction();
    throw err;
  } finally {
    await queryRunner.release();
  }

  rejections.sort((a, b) => a.line - b.line);
  summary.rejected = new Set(rejections.map((r) => r.line)).size;
  return { kind, dryRun: options.dryRun === true, summary, rejections };
}
