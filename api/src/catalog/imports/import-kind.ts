import { normaliseUai, uaiProblem } from '@ent/contracts';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { ScopedTerritory, ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import { EstablishmentEntity } from '../entities/establishment.entity';
import type { ColumnSpec, CsvRow } from './csv-table.util';
import type { UpsertTarget } from './upsert.util';

export const CATALOG_IMPORT_KINDS = ['annuaire', 'ips', 'enrolments', 'effectifs', 'deployment', 'goals', 'budgets', 'calendar'] as const;
export type CatalogImportKind = (typeof CATALOG_IMPORT_KINDS)[number];

/** Why a line was refused: the column as written in the file, and a reason a person can act on. */
export interface RowProblem {
  column: string;
  reason: string;
}

export type RowResult<R> = { record: R; problems?: undefined } | { record?: undefined; problems: RowProblem[] };

export interface ParsedLine<R> {
  line: number;
  row: CsvRow;
  record: R;
}

export interface StoreCheckContext {
  manager: EntityManager;
  scope: TerritorialScope;
  scopeService: ScopeService;
}

/** One kind of catalog file: its columns, how a line becomes a record, and how records are written. */
export interface ImportKindDefinition<R, E extends ObjectLiteral> {
  kind: CatalogImportKind;
  columns: readonly ColumnSpec[];
  /** Names of the key, for the duplicate message ("same uai and school_year"). */
  keyDescription: string;
  /**
   * Refuses the whole file (e.g. spreadsheet damage) by throwing `UnusableFileError` when one row
   * shows it; whatever the import wrote before that row is rolled back.
   */
  checkFileRow?(row: CsvRow): void;
  parseRow(row: CsvRow): RowResult<R>;
  /** Checks that need the store: the establishments or territories exist and lie inside the caller's scope. */
  checkStore(context: StoreCheckContext, lines: readonly ParsedLine<R>[]): Promise<Map<number, RowProblem[]>>;
  target: UpsertTarget<R, E>;
  /** Writes what the records depend on before them (e.g. the communes of new establishments). */
  beforeWrite?(manager: EntityManager, records: readonly R[]): Promise<void>;
}

/**
 * The problems of one line, named by the file's own column headers, and its UAI checked (7 digits,
 * key letter) — the start of every kind's `parseRow`.
 */
export function lineChecks(row: CsvRow): { problems: RowProblem[]; problem(key: string, reason: string): void; uai: string } {
  const problems: RowProblem[] = [];
  const problem = (key: string, reason: string) => void problems.push({ column: row.column(key), reason });
  const uai = row.get('uai');
  const uaiError = uaiProblem(uai);
  if (uaiError) problem('uai', `"${uai}": ${uaiError}`);
  return { problems, problem, uai: normaliseUai(uai) };
}

/** Collects problems per line. */
export function problemCollector(): { add(line: number, problem: RowProblem): void; result: Map<number, RowProblem[]> } {
  const result = new Map<number, RowProblem[]>();
  return {
    add: (line, problem) => result.set(line, [...(result.get(line) ?? []), problem]),
    result,
  };
}

/** Lines whose establishment is not in the catalog, or outside the caller's scope (one reason for both, but for national callers). */
export async function checkEstablishments<R>(
  context: StoreCheckContext,
  lines: readonly ParsedLine<R>[],
  uaiOf: (record: R) => string,
  columnKey = 'uai',
): Promise<Map<number, RowProblem[]>> {
  const problems = problemCollector();
  const uais = [...new Set(lines.map((l) => uaiOf(l.record)))];
  if (!uais.length) return problems.result;
  const query = () =>
    context.manager.getRepository(EstablishmentEntity).createQueryBuilder('e').select('e.uai', 'uai').where('e.uai IN (:...uais)', { uais });
  const inScope = new Set(
    (await context.scopeService.applyToEstablishments(query(), context.scope, 'e').getRawMany<{ uai: string }>()).map((r) => r.uai),
  );
  for (const { line, row, record } of lines) {
    const uai = uaiOf(record);
    if (inScope.has(uai)) continue;
    // A national caller sees every establishment: one not in scope is unknown. Anyone else gets the
    // same reason for an unknown establishment and for someone else's.
    const reason =
      context.scope.kind === 'national'
        ? `unknown establishment ${uai}: import it with the annuaire first`
        : `establishment ${uai}: not found within your territorial scope`;
    problems.add(line, { column: row.column(columnKey), reason });
  }
  return problems.result;
}

/** Lines naming a territory that does not exist, or lies outside the caller's scope. */
export async function checkTerritories<R>(
  context: StoreCheckContext,
  lines: readonly ParsedLine<R>[],
  territoriesOf: (record: R) => ScopedTerritory[],
  columnKey: string,
): Promise<Map<number, RowProblem[]>> {
  const problems = problemCollector();
  for (const { line, row, record } of lines) {
    for (const territory of territoriesOf(record)) {
      const label = territory.level === 'national' ? 'the national level' : `${territory.level} ${territory.code}`;
      // The scope first: outside it, an unknown territory and someone else's get the same reason
      // (an unknown territory is in no territorial scope; national callers are told it is unknown).
      if (!(await context.scopeService.covers(context.scope, territory))) {
        problems.add(line, { column: row.column(columnKey), reason: `${label}: not found within your territorial scope` });
      } else if (!(await context.scopeService.chainOf(territory))) {
        problems.add(line, { column: row.column(columnKey), reason: `unknown ${label}` });
      }
    }
  }
  return problems.result;
}
