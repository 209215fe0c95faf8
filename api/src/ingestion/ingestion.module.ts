import { Inject, Injectable, Module } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ClickHouseStore } from '@ent/clickhouse';
import type { AppConfig } from '@ent/config';
import type { Application } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/app-config.provider';
import { ApiKeyGuard } from './http/api-key.guard';
import { IngestEventsController } from './http/ingest-events.controller';
import { rawBodyReader } from './http/raw-body.middleware';
import { XapiAboutController } from './http/xapi-about.controller';
import { XapiStatementsController } from './http/xapi-statements.controller';
import { xapiVersionHeader } from './http/xapi-version-header.middleware';
import { IngestionRuntime } from './ingestion-runtime';
import { IngestionStatusResolver } from './ingestion-status.resolver';
import { IngestionStatusService } from './ingestion-status.service';

/** Routes whose body is read raw (size-limited, gzip-aware) instead of by Nest's JSON parser. */
export const INGEST_ROUTES = ['/ingest/events', '/xapi/statements'];

/**
 * Installs the xAPI version header (on every answer under /xapi, errors of the guards included) and
 * the raw body reader on the ingestion routes. It must run before Nest's JSON parser,
 * which `app.init()` registers before any module middleware; providers are instantiated earlier,
 * while the Express instance already exists, so the reader is added here.
 */
@Injectable()
export class IngestionBodyReaderInstaller {
  constructor(@Inject(HttpAdapterHost) host: HttpAdapterHost, @Inject(APP_CONFIG) config: AppConfig) {
    const express = host.httpAdapter?.getInstance<Application>();
    express?.use('/xapi', xapiVersionHeader);
    express?.use(INGEST_ROUTES, rawBodyReader(config.ingest.maxBodyBytes));
  }
}

@Module({
  controllers: [IngestEventsController, XapiStatementsController, XapiAboutController],
  providers: [
    IngestionBodyReaderInstaller,
    {
      provide: IngestionRuntime,
      useFactory: (config: AppConfig, clickhouse: ClickHouseStore, relational: DataSource) =>
        IngestionRuntime.start(config, clickhouse, relational),
      inject: [APP_CONFIG, ClickHouseStore, DataSource],
    },
    ApiKeyGuard,
    IngestionStatusService,
    IngestionStatusResolver,
  ],
  exports: [IngestionRuntime],
})
export class IngestionModule {}
