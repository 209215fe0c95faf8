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

  constructor(
    private readonly dataSource: DataSource,
    private readonly refreshMs = 60_000,
  ) {}

  isKnown(uai: string): boolean | undefined {
    return this.known ? this.known.has(uai) : undefined;
  }

  /** Catalog size, or undefined when there is no catalog yet. */
  get size(): number | undefined {
    return this.known?.size;
  }

  async refresh(): Promise<void> {
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
