import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ClickHouseStore } from '@ent/clickhouse';
import { TypeOrmModule } from '@nestjs/typeorm';
import { relationalDataSourceOptions } from '../database/relational-data-source';
import type { AppConfig } from '@ent/config';
import type { Stores } from './open-stores';

/**
 * Makes the already opened stores injectable: `ClickHouseStore` directly, the relational store
 * through @nestjs/typeorm (repositories, `DataSource`). Stores are opened before Nest starts so
 * that a failed migration stops the process with one clear line.
 */
@Global()
@Module({})
export class StoresModule {
  static forRoot(config: AppConfig, stores: Stores): DynamicModule {
    return {
      module: StoresModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => relationalDataSourceOptions(config.relational),
          dataSourceFactory: async () => stores.relational,
        }),
      ],
      providers: [{ provide: ClickHouseStore, useValue: stores.clickhouse }],
      exports: [ClickHouseStore],
    };
  }
}
