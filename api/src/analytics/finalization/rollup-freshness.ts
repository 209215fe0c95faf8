import { ClickHouseStore } from '@ent/clickhouse';
import type { Grain, FinalizedPeriods } from '../periods/period-buckets.util';
import { periodEnd } from '../periods/period-buckets.util';
import { minDay, mondayOf, monthStartOf, schoolYearStartYear } from '../periods/calendar-days.util';
import type { RollupFamily } from '../query/build-activity-query.util';
import { FINAL_GRAINS } from './finalize-sql';
import { sliceDays, sliceKey, sliceOf, type SliceBuild } from './slices';

/**
 * An insert stamps its days in `event_day_changes` while it runs, before all of its parts are
 * visible (the views of one block are written one after the other): a change stamped less than
 * this before the rollups were read may be missing from what was read. Ingestion batches
 * (≤ 10,000 events) take well under a second; the backfill stamps its days once it is done.
 */
export const INSERT_MARGIN_MS = 5_000;

/**
 * What the analytics know of the rollups at one moment: when the events of each day last changed
 * (`event_day_changes`) and the newest build of each slice of the finalized rollups
 * (`rollup_slices`). Everything a reader needs to know whether a kept answer or a finalized period
 * still holds every event of its days.
 */
export class RollupSnapshot {
  private readonly validity = new Map<string, boolean>();

  constructor(
    /** ClickHouse time (ms) when the snapshot was read, moved on by the process clock since. */
    readonly now: number,
    /** Day → last change (ms). */
    readonly changes: ReadonlyMap<string, number>,
    readonly slices: ReadonlyMap<string, SliceBuild>,
    private readonly insertMarginMs = INSERT_MARGIN_MS,
  ) {}

  /** The last change of the events of days `from` … `to` (ms; 0 when none). */
  lastChange(from: string, to: string): number {
    let last = 0;
    for (const [day, changed] of this.changes) if (day >= from && day <= to && changed > last) last = changed;
    return last;
  }

  /** The finalized periods of a family a reader may use (see `FinalizedPeriods`). */
  finalizedPeriods(family: RollupFamily): FinalizedPeriods {
    return (grain: Grain, period: string) => {
      if (!FINAL_GRAINS[family].includes(grain)) return undefined;
      const build = this.slices.get(sliceKey({ family, grain, firstDay: sliceOf(grain, period) }));
      if (!build || period > build.through) return undefined;
      const { first } = sliceDays(grain, build.firstDay);
      // Only the first day of a period of the grain names a period.
      if (period < first || sliceOf(grain, period) !== build.firstDay || periodStartOf(grain, period) !== period) return undefined;
      const end = minDay(periodEnd(grain, period), build.through);
      // A period is as its days were when the slice was built: valid while none of them changed since.
      const key = `${sliceKey(build)}|${period}`;
      let valid = this.validity.get(key);
      if (valid === undefined) {
        valid = this.lastChange(period, end) <= build.builtAt - this.insertMarginMs;
        this.validity.set(key, valid);
      }
      return valid ? { end, generation: build.generation } : undefined;
    };
  }
}

function periodStartOf(grain: Grain, day: string): string {
  switch (grain) {
    case 'day':
      return day;
    case 'week':
      return mondayOf(day);
    case 'month':
      return monthStartOf(day);
    case 'school_year':
      return `${schoolYearStartYear(day)}-09-01`;
  }
}

interface SnapshotRow {
  now: string;
  days: string[];
  changed: string[];
  slices: [string, string, string, string, string, string][];
}

/**
 * Reads `RollupSnapshot`s: one small query (a row per day with events, a row per slice). With the
 * embedded engine this process is the only writer (the data directory is locked), so a snapshot is
 * read again only after one of its own writes has ended (`ClickHouseStore.writesInProcess`);
 * with a server or a cluster, at every call.
 */
export class RollupFreshness {
  private kept: { writes: number; readAt: number; snapshot: RollupSnapshot } | undefined;

  constructor(
    private readonly store: ClickHouseStore,
    private readonly insertMarginMs = INSERT_MARGIN_MS,
  ) {}

  async snapshot(): Promise<RollupSnapshot> {
    const writes = ClickHouseStore.writesInProcess;
    const kept = this.kept;
    if (kept && this.store.config.transport === 'embedded' && kept.writes === writes) {
      const s = kept.snapshot;
      return new RollupSnapshot(s.now + (Date.now() - kept.readAt), s.changes, s.slices, this.insertMarginMs);
    }
    const [row] = await this.store.query<SnapshotRow>(
      [
        "SELECT toUnixTimestamp64Milli(now64(3, 'UTC')) AS now,",
        '    (SELECT groupArray(toString(day)) FROM (SELECT day, max(changed_at) AS changed FROM event_day_changes GROUP BY day ORDER BY day)) AS days,',
        '    (SELECT groupArray(toString(toUnixTimestamp64Milli(changed))) FROM (SELECT day, max(changed_at) AS changed FROM event_day_changes GROUP BY day ORDER BY day)) AS changed,',
        '    (SELECT groupArray((family, toString(grain), toString(first_day), toString(b.1), toString(b.2), toString(toUnixTimestamp64Milli(b.3))))',
        '     FROM (SELECT family, grain, first_day, argMax((generation, through, built_at), generation) AS b FROM rollup_slices GROUP BY family, grain, first_day)) AS slices',
      ].join('\n'),
      { operation: 'analytics: reading the change log and the finalized slices' },
    );
    const changes = new Map(row.days.map((d, i) => [d, Number(row.changed[i])]));
    const slices = new Map<string, SliceBuild>();
    for (const [family, grain, firstDay, generation, through, builtAt] of row.slices) {
      const build: SliceBuild = { family: family as RollupFamily, grain: grain as Grain, firstDay, generation: Number(generation), through, builtAt: Number(builtAt) };
      slices.set(sliceKey(build), build);
    }
    const snapshot = new RollupSnapshot(Number(row.now), changes, slices, this.insertMarginMs);
    this.kept = { writes, readAt: Date.now(), snapshot };
    return snapshot;
  }
}
