import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, Module, type INestApplication } from '@nestjs/common';
import { loadConfig } from '@ent/config';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { RelationalTarget } from '../../../test/support/test-stores';
import { APP_CONFIG } from '../config/app-config.provider';
import { relationalDataSourceOptions } from '../database/relational-data-source';
import { attachScope } from '../scope/current-scope.decorator';
import { NATIONAL_SCOPE, scopeOfTerritories, type TerritoryRef } from '../scope/territorial-scope';
import { CatalogModule } from './catalog.module';
import { openCatalogTestStore } from './catalog-test-support';

/** Test-only header carrying the caller's territories (the access-control layer sets real scopes). */
export const TEST_SCOPE_HEADER = 'x-test-scope';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown>; path?: string[] }[];
}

/**
 * The catalog's GraphQL API on a real test store (SQLite or PostgreSQL), with the GraphQL settings
 * of AppModule. Built without the rest of the product so the catalog is tested on its own.
 */
export async function startCatalogTestApp(target: RelationalTarget): Promise<{
  app: INestApplication;
  dataSource: DataSource;
  gql: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, scope?: TerritoryRef[]) => Promise<GraphQLResult<T>>;
  close: () => Promise<void>;
}> {
  const store = await openCatalogTestStore(target);
  // The configuration AppModule provides globally (the upload route reads its size limit, enrolments the secrecy thresholds).
  @Global()
  @Module({ providers: [{ provide: APP_CONFIG, useValue: loadConfig({ LOG_LEVEL: 'silent' }) }], exports: [APP_CONFIG] })
  class TestConfigModule {}
  @Module({
    imports: [
      TestConfigModule,
      TypeOrmModule.forRootAsync({
        useFactory: () => relationalDataSourceOptions(store.dataSource.options.type === 'postgres' ? { type: 'postgres', url: '' } : { type: 'sqlite', file: '' }),
        dataSourceFactory: async () => store.dataSource,
      }),
      GraphQLModule.forRoot<ApolloDriverConfig>({
        driver: ApolloDriver,
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        playground: false,
        includeStacktraceInErrorResponses: false,
        context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
      }),
      CatalogModule,
    ],
  })
  class CatalogTestAppModule {}
  const app = await NestFactory.create(CatalogTestAppModule, { logger: false });
  app.use((req: Request, _res: unknown, next: () => void) => {
    const header = req.headers[TEST_SCOPE_HEADER];
    // Without the header the caller is national (this test app has no accounts).
    attachScope(req, typeof header === 'string' ? scopeOfTerritories(JSON.parse(header) as TerritoryRef[]) : NATIONAL_SCOPE);
    next();
  });
  await app.init();
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}, scope?: TerritoryRef[]): Promise<GraphQLResult<T>> => {
    const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (scope) req.set(TEST_SCOPE_HEADER, JSON.stringify(scope));
    const res = await req.send({ query, variables });
    return res.body as GraphQLResult<T>;
  };
  return {
    app,
    dataSource: store.dataSource,
    gql,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}
