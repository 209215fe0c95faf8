import type { UaiDirectory } from '@ent/ingest';
import type { DataSource } from 'typeorm';

/**
 * The establishments of the catalog (relational table `establishment`), for the "unknown UAI"
 * check. Until the catalog exists (no table, or no row) every well-formed UAI is accepted.
 * Read in full and refreshed periodically: the check runs once per event and must not query.
 */
export class RelationalUaiDirectory implements UaiDirectory {
  private known: Set<string> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastRefreshMs = 0;
  private inFlight: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly refreshMs = 60_000,
    /** Shortest interval between two refreshes caused by unknown UAIs (a sender may send many). */
    private readonly minRefreshOnMissMs = 2_000,
  ) {}

  async refreshIfUnknown(uais: ReadonlySet<string>): Promise<void> {
    if (this.known) {
      let missing = false;
      for (const uai of uais) if (!this.known.has(uai)) missing = true;
      if (!missing) return;
    } else if (uais.size === 0) {
      return;
    }
    if (Date.now() - this.lastRefreshMs < this.minRefreshOnMissMs) return;
    await this.refresh();
  }

  isKnown(uai: string): boolean | undefined {
    return this.known ? this.known.has(uai) : undefined;
  }

  /** Catalog size, or undefined when there is no catalog yet. */
  get size(): number | undefined {
    return this.known?.size;
  }

  /** Reads the catalog's UAIs again (one read at a time, shared by concurrent callers). */
  refresh(): Promise<void> {
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async read(): Promise<void> {
    this.lastRefreshMs = Date.now();
    const runner = this.dataSource.createQueryRunner();
    try {
      if (!(await runner.hasTable('establishment'))) {
        this.known = undefined;
        return;
      }
      const rows = (await runner.query('SELECT uai FROM establishment')) as { uai: string }[];
      this.known = rows.length ? new Set(rows.map((r) => r.uai.trim().toUpperCase())) : undefined;
    } finally {
      await runner.release();
    }
  }

  start(onError: (err: Error) => void): void {
    this.timer = setInterval(() => this.refresh().catch(onError), this.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
