import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ClickHouseStore } from '@ent/clickhouse';
import { ClickHouseMigrator } from '@ent/migrations';
import { DataSource } from 'typeorm';

export interface StoreCheck {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  clickhouse: StoreCheck;
  relational: StoreCheck;
}

/** How long a probe of a store may take before readiness answers without it. */
export const PROBE_TIMEOUT_MS = 1000;
/** A statement answered this recently, with others in flight, shows ClickHouse reachable without a probe. */
const RECENT_ANSWER_MS = 30_000;

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Ready = both stores answer and neither has a pending migration. Probed every few seconds while
 * analytics run: once a store is fully migrated (its schema does not change under a running
 * process) only a cheap probe is made, with a timeout. The embedded ClickHouse runs one statement
 * at a time, so while statements are in flight and it answered lately, no probe is queued behind them.
 */
@Injectable()
export class ReadinessService implements OnApplicationBootstrap {
  /** Migration files are read once: /readyz is probed often and they do not change while running. */
  private readonly migrator: ClickHouseMigrator;
  /** The detail of each store once found fully migrated. */
  private readonly migrated: { clickhouse?: string; relational?: string } = {};

  constructor(
    @Inject(ClickHouseStore) private readonly clickhouse: ClickHouseStore,
    @Inject(DataSource) private readonly relational: DataSource,
  ) {
    this.migrator = new ClickHouseMigrator(clickhouse);
  }

  /** Reads the migration status once at start, before analytics can keep ClickHouse busy. */
  async onApplicationBootstrap(): Promise<void> {
    await this.check();
  }

  async check(): Promise<Readiness> {
    const [clickhouse, relational] = await Promise.all([this.checkClickHouse(), this.checkRelational()]);
    return { ready: clickhouse.ok && relational.ok, clickhouse, relational };
  }

  private async checkClickHouse(): Promise<StoreCheck> {
    try {
      if (this.migrated.clickhouse) {
        const busy = this.clickhouse.inFlight > 0 && Date.now() - this.clickhouse.lastAnswerAt < RECENT_ANSWER_MS;
        if (!busy) await withTimeout(this.clickhouse.query('SELECT 1', { operation: 'readiness probe' }), 'ClickHouse');
        return { ok: true, detail: this.migrated.clickhouse };
      }
      const { applied, pending } = await withTimeout(this.migrator.status(), 'ClickHouse');
      if (pending.length) return { ok: false, detail: `pending migrations: ${pending.map((m) => m.name).join(', ')}` };
      this.migrated.clickhouse = `${applied.length} migrations applied`;
      return { ok: true, detail: this.migrated.clickhouse };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  private async checkRelational(): Promise<StoreCheck> {
    try {
      await withTimeout(this.relational.query('SELECT 1'), 'the relational store');
      if (this.migrated.relational) return { ok: true, detail: this.migrated.relational };
      const pending = await withTimeout(this.relational.showMigrations(), 'the relational store');
      if (pending) return { ok: false, detail: 'pending migrations' };
      this.migrated.relational = `${this.relational.migrations.length} migrations applied`;
      return { ok: true, detail: this.migrated.relational };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }
}
