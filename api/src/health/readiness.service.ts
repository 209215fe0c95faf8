import { Inject, Injectable } from '@nestjs/common';
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

/** Ready = both stores answer and neither has a pending migration. */
@Injectable()
export class ReadinessService {
  /** Migration files are read once: /readyz is probed often and they do not change while running. */
  private readonly migrator: ClickHouseMigrator;

  constructor(
    @Inject(ClickHouseStore) clickhouse: ClickHouseStore,
    @Inject(DataSource) private readonly relational: DataSource,
  ) {
    this.migrator = new ClickHouseMigrator(clickhouse);
  }

  async check(): Promise<Readiness> {
    const [clickhouse, relational] = await Promise.all([this.checkClickHouse(), this.checkRelational()]);
    return { ready: clickhouse.ok && relational.ok, clickhouse, relational };
  }

  private async checkClickHouse(): Promise<StoreCheck> {
    try {
      const { applied, pending } = await this.migrator.status();
      if (pending.length) return { ok: false, detail: `pending migrations: ${pending.map((m) => m.name).join(', ')}` };
      return { ok: true, detail: `${applied.length} migrations applied` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }

  private async checkRelational(): Promise<StoreCheck> {
    try {
      await this.relational.query('SELECT 1');
      const pending = await this.relational.showMigrations();
      if (pending) return { ok: false, detail: 'pending migrations' };
      return { ok: true, detail: `${this.relational.migrations.length} migrations applied` };
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
  }
}
