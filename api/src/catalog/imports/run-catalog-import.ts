import type { DataSource, ObjectLiteral } from 'typeorm';
import type { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import { ensureReferenceTerritories } from '../reference/seed-reference-territories';
import { readCsvTable } from './csv-table.util';
import type { CatalogImportKind, ImportKindDefinition, ParsedLine, RowProblem } from './import-kind';
import { annuaireImport } from './kinds/annuaire.import';
import { budgetsImport } from './kinds/budgets.import';
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

/**
 * Imports one catalog file. Bad lines are refused one by one with their line, column and reason,
 * and never block the good ones; a file that cannot be read at all throws `UnusableFileError`.
 * Writes are idempotent upserts in one transaction; a dry run classifies every line the same way
 * and rolls back.
 */
export async function runCatalogImport(dataSource: DataSource, kind: CatalogImportKind, text: string, options: ImportOptions): Promise<ImportReport> {
  const definition = KINDS[kind];
  const table = readCsvTable(text, definition.columns);
  definition.checkFile?.(table);

  const rejections: ImportRejection[] = [];
  const reject = (line: number, problems: readonly RowProblem[]) => problems.forEach((p) => rejections.push({ line, ...p }));
  const accepted: ParsedLine<unknown>[] = [];
  const firstLineOfKey = new Map<string, number>();
  for (const row of table.rows) {
    if (row.fieldCount !== table.header.length) {
      reject(row.line, [{ column: '(line)', reason: `${row.fieldCount} fields where the header has ${table.header.length}` }]);
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
    accepted.push({ line: row.line, row, record: result.record });
  }

  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, rejected: 0 };
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  await queryRunner.startTransaction();
  try {
    const manager = queryRunner.manager;
    await ensureReferenceTerritories(manager);
    for (let i = 0; i < accepted.length; i += CHUNK) {
      const chunk = accepted.slice(i, i + CHUNK);
      const problems = await definition.checkStore({ manager, scope: options.scope, scopeService: options.scopeService }, chunk);
      for (const [line, p] of problems) reject(line, p);
      const records = chunk.filter((l) => !problems.has(l.line)).map((l) => l.record);
      await definition.beforeWrite?.(manager, records);
      const counts = await upsertRecords(manager, definition.target, records);
      summary.created += counts.created;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
    }
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
