import type { ClickHouseStore } from '@ent/clickhouse';
import { addDays, addMonths, maxDay, minDay, monthStartOf, parisToday } from '../periods/calendar-days.util';
import type { Grain } from '../periods/period-buckets.util';
import { ROLLUP_FAMILIES, type RollupFamily } from '../query/build-activity-query.util';
import { buildCoarseSliceSql, buildDaySliceSql, FINAL_GRAINS, finalTable } from './finalize-sql';
import type { RollupFreshness, RollupSnapshot } from './rollup-freshness';
import { INSERT_MARGIN_MS } from './rollup-freshness';
import { sliceDays, sliceKey, sliceOf, type SliceBuild, type SliceId } from './slices';

export interface FinalizerOptions {
  /** Period of the background runs (seconds); 0: never in the background (tests, benches call `run`). */
  intervalSeconds: number;
  /** Slices of periods older than this (the rollups' retention) are not built. */
  retentionMonths: number;
  /** Older generations are dropped this long after a newer one replaced them (a query planned on them may still run). */
  keepReplacedMs?: number;
  insertMarginMs?: number;
}

export interface FinalizeReport {
  /** Slices built, `family grain first_day → through` with their time. */
  built: { slice: string; through: string; seconds: number }[];
  /** Replaced generations dropped. */
  dropped: number;
  seconds: number;
  /** When the pass ended. */
  finishedAt: Date;
}

/** Per family: the slices kept, the last day they hold, and those a later change made stale. */
export interface FinalizationState {
  family: RollupFamily;
  slices: number;
  finalizedThrough: string | null;
  staleSlices: number;
}

const FAMILIES = Object.keys(ROLLUP_FAMILIES) as RollupFamily[];

/**
 * Builds the finalized rollups (`<family>_final`, see README.md in this folder): every slice whose
 * days changed since it was built, up to yesterday (Paris; today keeps changing and is always read
 * from the rollups with aggregate states). Day slices are read from the day rollups, then the
 * week, month and school-year slices from the day slices just built. Each build is a new
 * generation; the one it replaces is dropped a few minutes later, once no query planned on it can
 * still be running. One run at a time per process.
 */
export class RollupFinalizer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<FinalizeReport> | undefined;
  /** The last pass of this process (the status shown to administrators). */
  lastPass: FinalizeReport | undefined;
  private sequence = 0;
  private readonly keepReplacedMs: number;
  private readonly insertMarginMs: number;

  constructor(
    private readonly store: ClickHouseStore,
    private readonly freshness: RollupFreshness,
    private readonly options: FinalizerOptions,
    private readonly today: () => string = parisToday,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.keepReplacedMs = options.keepReplacedMs ?? 10 * 60_000;
    this.insertMarginMs = options.insertMarginMs ?? INSERT_MARGIN_MS;
  }

  /**
   * One pass over every slice; a call during a pass waits for that pass, then runs one of its own.
   * A slice whose days changed less than the insert margin ago is left to the next pass (what was
   * inserted may not all be readable yet), unless `settle`: the pass then first waits out the margin
   * (tests, the backfill).
   */
  async run(options: { settle?: boolean } = {}): Promise<FinalizeReport> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.pass(options.settle ?? false);
    try {
      this.lastPass = await this.running;
      return this.lastPass;
    } finally {
      this.running = undefined;
    }
  }

  get intervalSeconds(): number {
    return this.options.intervalSeconds;
  }

  start(): void {
    if (!this.options.intervalSeconds || this.timer) return;
    const tick = () => {
      this.run()
        .then((r) => {
          if (!r.built.length) return;
          const names = r.built.map((b) => b.slice);
          this.log(`finalized ${names.length} rollup slices in ${r.seconds} s (${names.slice(0, 8).join(', ')}${names.length > 8 ? `, and ${names.length - 8} more` : ''})`);
        })
        .catch((err: unknown) => this.log(`rollup finalization failed: ${(err as Error).message}`));
    };
    this.timer = setInterval(tick, this.options.intervalSeconds * 1000);
    this.timer.unref();
    setImmediate(tick);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Waits for a pass in progress (the product's shutdown). */
  async idle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async pass(settle: boolean): Promise<FinalizeReport> {
    const started = Date.now();
    const lastDay = addDays(this.today(), -1);
    const oldest = addMonths(monthStartOf(this.today()), -this.options.retentionMonths);
    let snapshot = await this.freshness.snapshot();
    const wait = snapshot.lastChange(oldest, lastDay) + this.insertMarginMs - snapshot.now;
    if (settle && wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait + 20));
      snapshot = await this.freshness.snapshot();
    }
    const changedDays = [...snapshot.changes.keys()].filter((d) => d >= oldest && d <= lastDay);
    const report: FinalizeReport = { built: [], dropped: 0, seconds: 0, finishedAt: new Date() };
    for (const family of FAMILIES) {
      const builds = new Map(snapshot.slices);
      for (const grain of FINAL_GRAINS[family]) {
        const firstDays = [...new Set(changedDays.map((d) => sliceOf(grain, d)))].sort().reverse();
        for (const firstDay of firstDays) {
          const slice: SliceId = { family, grain, firstDay };
          const { first, last } = sliceDays(grain, firstDay);
          const through = minDay(last, lastDay);
          if (through < first) continue;
          const current = builds.get(sliceKey(slice));
          const lastChange = snapshot.lastChange(first, through);
          if (current && current.through === through && lastChange <= current.builtAt - this.insertMarginMs) continue;
          if (lastChange > snapshot.now - this.insertMarginMs) continue; // the next pass

          const t = Date.now();
          const build = grain === 'day' ? await this.buildDaySlice(slice, first, through) : await this.buildCoarseSlice(slice, first, through, builds, snapshot);
          if (!build) continue;
          builds.set(sliceKey(slice), build);
          report.built.push({ slice: `${family} ${grain} ${firstDay}`, through, seconds: Math.round((Date.now() - t) / 100) / 10 });
        }
      }
    }
    report.dropped = await this.dropReplaced();
    report.seconds = Math.round((Date.now() - started) / 100) / 10;
    report.finishedAt = new Date();
    return report;
  }

  /** What the finalized rollups hold now, per family (a slice is stale when a day it holds changed after it was built). */
  async state(): Promise<FinalizationState[]> {
    const snapshot = await this.freshness.snapshot();
    return FAMILIES.map((family) => {
      const builds = [...snapshot.slices.values()].filter((b) => b.family === family);
      const days = builds.filter((b) => b.grain === 'day');
      return {
        family,
        slices: builds.length,
        finalizedThrough: days.length ? days.map((b) => b.through).sort().reverse()[0] : null,
        staleSlices: builds.filter((b) => snapshot.lastChange(sliceDays(b.grain, b.firstDay).first, b.through) > b.builtAt - this.insertMarginMs).length,
      };
    });
  }

  private nextGeneration(): number {
    this.sequence = (this.sequence + 1) % 1000;
    return Date.now() * 1000 + this.sequence;
  }

  private async clickhouseNow(): Promise<number> {
    const [row] = await this.store.query<{ now: string }>("SELECT toUnixTimestamp64Milli(now64(3, 'UTC')) AS now", { operation: 'finalizer: clock' });
    return Number(row.now);
  }

  private async buildDaySlice(slice: SliceId, first: string, through: string): Promise<SliceBuild> {
    const generation = this.nextGeneration();
    const builtAt = await this.clickhouseNow();
    await this.store.command(buildDaySliceSql(slice.family), {
      params: { first, through, generation },
      settings: { max_execution_time: 0 },
      operation: `finalizing ${slice.family} days of ${slice.firstDay}`,
    });
    return this.record({ ...slice, generation, through, builtAt });
  }

  /**
   * A week, month or school-year slice from the day slices of its days. Skipped (undefined) while
   * one of those is missing or stale: the next pass builds it first.
   */
  private async buildCoarseSlice(slice: SliceId, first: string, through: string, builds: ReadonlyMap<string, SliceBuild>, snapshot: RollupSnapshot): Promise<SliceBuild | undefined> {
    const dayBuilds: SliceBuild[] = [];
    for (let month = monthStartOf(first); month <= through; month = addMonths(month, 1)) {
      const days = sliceDays('day', month);
      const needed = minDay(days.last, through);
      const hasEvents = [...snapshot.changes.keys()].some((d) => d >= maxDay(days.first, first) && d <= needed);
      if (!hasEvents) continue;
      const build = builds.get(sliceKey({ family: slice.family, grain: 'day', firstDay: month }));
      if (!build || build.through < needed || snapshot.lastChange(days.first, build.through) > build.builtAt - this.insertMarginMs) return undefined;
      dayBuilds.push(build);
    }
    if (!dayBuilds.length) return undefined;
    const generation = this.nextGeneration();
    await this.store.command(buildCoarseSliceSql(slice.family, slice.grain as Exclude<Grain, 'day'>), {
      params: { first, through, generation, day_generations: dayBuilds.map((b) => b.generation) },
      settings: { max_execution_time: 0 },
      operation: `finalizing ${slice.family} ${slice.grain} of ${slice.firstDay}`,
    });
    // Every day slice it sums held its days as they were when this pass read the change log (none
    // of them changed since it was built): the sum holds them as they were then.
    return this.record({ ...slice, generation, through, builtAt: snapshot.now });
  }

  private async record(build: SliceBuild): Promise<SliceBuild> {
    await this.store.insert(
      'rollup_slices',
      [{ family: build.family, grain: build.grain, first_day: build.firstDay, generation: build.generation, through: build.through, built_at: new Date(build.builtAt).toISOString().replace('T', ' ').replace('Z', '') }],
      { operation: 'finalizer: recording a slice' },
    );
    return build;
  }

  /** Drops the generations replaced more than `keepReplacedMs` ago (their partitions and their rows in rollup_slices). */
  private async dropReplaced(): Promise<number> {
    const rows = await this.store.query<{ family: string; g: string }>(
      [
        'SELECT family, toString(generation) AS g',
        'FROM rollup_slices',
        'INNER JOIN (SELECT family, grain, first_day, max(generation) AS newest, argMax(recorded_at, generation) AS replaced_at FROM rollup_slices GROUP BY family, grain, first_day) AS n',
        '    USING (family, grain, first_day)',
        "WHERE generation < newest AND replaced_at < now64(3, 'UTC') - toIntervalMillisecond({keep:UInt64})",
      ].join('\n'),
      { params: { keep: this.keepReplacedMs }, operation: 'finalizer: listing replaced generations' },
    );
    if (!rows.length) return 0;
    const cluster = this.store.config.cluster;
    const onCluster = cluster ? ` ON CLUSTER \`${cluster}\`` : '';
    for (const { family, g: generation } of rows) {
      if (!/^\d+$/.test(generation) || !(FAMILIES as string[]).includes(family)) continue;
      const table = cluster ? `${finalTable(family as RollupFamily)}_local` : finalTable(family as RollupFamily);
      // A partition id is a number computed here, not input: DDL takes no query parameters.
      await this.store.command(`ALTER TABLE ${table}${onCluster} DROP PARTITION ${generation}`, { operation: `finalizer: dropping generation ${generation}` });
    }
    await this.store.command(`ALTER TABLE ${cluster ? 'rollup_slices_local' : 'rollup_slices'}${onCluster} DELETE WHERE generation IN {generations:Array(UInt64)}`, {
      params: { generations: rows.map((r) => Number(r.g)) },
      settings: { mutations_sync: '2' },
      operation: 'finalizer: forgetting replaced generations',
    });
    return rows.length;
  }
}
