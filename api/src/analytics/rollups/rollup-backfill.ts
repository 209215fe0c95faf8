import type { ClickHouseStore } from '@ent/clickhouse';
import { loadClickHouseMigrations, type ClickHouseMigration } from '@ent/migrations';
import { addMonths, schoolYearBounds } from '../periods/calendar-days.util';

/** A rollup, as its materialized view's migration defines it: the view's SELECT is the one SQL of the rollup. */
export interface RollupDefinition {
  view: string;
  table: string;
  /** The SELECT of the view (reads `events`). */
  select: string;
  /** The expression giving a row's `period` from an event. */
  periodExpr: string;
  /** `toYYYYMM(period)` or `toYear(period)`: how the table is partitioned. */
  partitionedBy: 'month' | 'year';
}

const MV = /^CREATE\s+MATERIALIZED\s+VIEW\s+IF\s+NOT\s+EXISTS\s+(\w+)\s+TO\s+(\w+)\s+AS\s+([\s\S]+)$/i;

/** Every materialized view of the migrations: its name, its target table and its SELECT. */
export function materializedViews(migrations: readonly ClickHouseMigration[] = loadClickHouseMigrations()): { view: string; table: string; select: string }[] {
  return migrations.flatMap((m) => {
    const mv = MV.exec(m.statement);
    return mv ? [{ view: mv[1], table: mv[2], select: mv[3] }] : [];
  });
}

/** The expression before `AS period` in a SELECT list: back to the previous comma outside parentheses. */
function periodExpression(select: string): string | undefined {
  const end = select.indexOf(' AS period,');
  if (end < 0) return undefined;
  let depth = 0;
  for (let i = end - 1; i >= 0; i--) {
    const c = select[i];
    if (c === ')') depth++;
    else if (c === '(') depth--;
    else if (c === ',' && depth === 0) return select.slice(i + 1, end).trim();
  }
  return undefined;
}

export function rollupDefinitions(migrations: readonly ClickHouseMigration[] = loadClickHouseMigrations()): RollupDefinition[] {
  const tables = new Map(migrations.map((m) => [/CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+(\w+)/i.exec(m.statement)?.[1], m.statement]));
  return materializedViews(migrations).flatMap(({ view, table, select }) => {
    // Only views into a table with a period column are rollups (event_day_changes is not one).
    if (!/^\s*period\s+Date\b/im.test(tables.get(table) ?? '')) return [];
    const period = periodExpression(select);
    if (!period) throw new Error(`materialized view ${view}: the rollup view has no "… AS period" column`);
    const ddl = tables.get(table) ?? '';
    return [{ view, table, select, periodExpr: period, partitionedBy: /PARTITION BY toYear\(period\)/i.test(ddl) ? 'year' : 'month' }];
  });
}

export interface BackfillReport {
  schoolYear: string;
  tables: number;
  seconds: number;
}

/**
 * Rebuilds the rollups of whole school years from the raw events: drops the partitions holding
 * those periods, then runs each view's own SELECT over the events of the periods. Safe while
 * events keep arriving: every measure of a rollup row is idempotent (min, max, set union), so an
 * event both re-read here and inserted live through the view changes no published figure.
 * Raw events are kept 13 months: a school year older than that would be rebuilt from partial data,
 * so callers only rebuild school years the raw events still cover (see `schoolYearsWithEvents`).
 */
export class RollupBackfill {
  constructor(
    private readonly store: ClickHouseStore,
    private readonly definitions: readonly RollupDefinition[] = rollupDefinitions(),
  ) {}

  /**
   * School years holding raw events, oldest first, from the events' monthly partitions (no column
   * is read). A partition is a UTC month: its last hours may be the first Paris day of the next
   * month, so an August partition names the next school year too (rebuilding an empty year is harmless).
   */
  async schoolYearsWithEvents(): Promise<string[]> {
    const rows = await this.store.query<{ p: string }>('SELECT DISTINCT _partition_id AS p FROM events ORDER BY p', {
      operation: 'listing the months of events',
      settings: { max_execution_time: 0 },
    });
    const years = new Set<number>();
    for (const { p } of rows) {
      const year = Number(p.slice(0, 4));
      const month = Number(p.slice(4, 6));
      years.add(month >= 9 ? year : year - 1);
      if (month === 8) years.add(year);
    }
    return [...years].sort((a, b) => a - b).map((y) => `${y}-${y + 1}`);
  }

  async rebuild(schoolYear: string): Promise<BackfillReport> {
    if (!/^(\d{4})-(\d{4})$/.test(schoolYear) || Number(schoolYear.slice(5)) !== Number(schoolYear.slice(0, 4)) + 1) {
      throw new Error(`"${schoolYear}" is not a school year (e.g. 2025-2026)`);
    }
    const started = Date.now();
    const { from, to } = schoolYearBounds(schoolYear);
    const cluster = this.store.config.cluster;
    const onCluster = cluster ? ` ON CLUSTER \`${cluster}\`` : '';
    for (const d of this.definitions) {
      const local = cluster ? `${d.table}_local` : d.table;
      const partitions = d.partitionedBy === 'year' ? [from.slice(0, 4)] : Array.from({ length: 12 }, (_, i) => addMonths(from, i).slice(0, 7).replace('-', ''));
      for (const p of partitions) {
        // Partition values are digits computed here, not input: DDL takes no query parameters.
        await this.store.command(`ALTER TABLE ${local}${onCluster} DROP PARTITION ${p}`, { operation: `backfill: dropping ${d.table} ${p}` });
      }
      const source = `(SELECT * FROM events WHERE ${d.periodExpr} BETWEEN {from:Date} AND {to:Date})`;
      const select = d.select.replace(/\bFROM events\b/, `FROM ${source}`);
      // A school year of a large territory takes minutes: no dashboard time limit here.
      await this.store.command(`INSERT INTO ${d.table} ${select}`, {
        params: { from, to },
        settings: { max_execution_time: 0 },
        operation: `backfill of ${d.table} for ${schoolYear}`,
      });
    }
    // Answers cached from the rollups of these days are stale now (see analytics/result-cache).
    await this.store.command(
      "INSERT INTO event_day_changes SELECT {from:Date} + number, now64(3, 'UTC') FROM numbers(toUInt64(dateDiff('day', {from:Date}, {to:Date}) + 1))",
      { params: { from, to }, operation: `backfill: marking ${schoolYear} as changed` },
    );
    return { schoolYear, tables: this.definitions.length, seconds: Math.round((Date.now() - started) / 100) / 10 };
  }

  async rebuildAll(): Promise<BackfillReport[]> {
    const reports: BackfillReport[] = [];
    for (const year of await this.schoolYearsWithEvents()) reports.push(await this.rebuild(year));
    return reports;
  }
}
