import type { UaiDirectory } from '@ent/ingest';
import type { DataSource } from 'typeorm';
import type { EstablishmentPlaces } from './key-scope';
import { placeFromUai, type EstablishmentPlace } from './key-territories';

/**
 * The establishments of the catalog (relational table `establishment`) and where they lie, for the
 * "unknown UAI" check and the territories of API keys. Until the catalog exists (no table, or no
 * row) every well-formed UAI is accepted, and an establishment lies in the département its UAI
 * names. Read in full and refreshed periodically: the checks run once per event and must not query.
 */
export class RelationalUaiDirectory implements UaiDirectory, EstablishmentPlaces {
  private known: Map<string, EstablishmentPlace> | undefined;
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

  /** The catalog's place of the establishment, else the one its UAI names. */
  placeOf(uai: string): EstablishmentPlace | undefined {
    return this.known?.get(uai) ?? placeFromUai(uai);
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
      const rows = (await runner.query(
        'SELECT uai, commune_code, departement_code, academie_code, region_code FROM establishment',
      )) as { uai: string; commune_code: string; departement_code: string; academie_code: string; region_code: string }[];
      this.known = rows.length
        ? new Map(
            rows.map((r) => [
              r.uai.trim().toUpperCase(),
              { commune: r.commune_code, departement: r.departement_code, academie: r.academie_code, region: r.region_code },
            ]),
          )
        : undefined;
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
