import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { RelationalTarget } from '../../../test/support/test-stores';
import { TEST_SCOPE_HEADER, type GraphQLResult } from '../catalog/catalog-graphql-test-app';
import { openCatalogTestStore } from '../catalog/catalog-test-support';
import { relationalDataSourceOptions } from '../database/relational-data-source';
import { attachScope } from '../scope/current-scope.decorator';
import { NATIONAL_SCOPE, scopeOfTerritories, type TerritoryRef } from '../scope/territorial-scope';
import { AnnotationsModule } from './annotations.module';

export type AnnotationsGql = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, scope?: TerritoryRef[]) => Promise<GraphQLResult<T>>;

/**
 * The annotations' GraphQL API alone on a real test store (SQLite or PostgreSQL), with the GraphQL
 * settings of AppModule; the caller's territories travel in the test-only scope header (national
 * without it), as in the catalog's test application.
 */
export async function startAnnotationsTestApp(target: RelationalTarget): Promise<{ app: INestApplication; dataSource: DataSource; gql: AnnotationsGql; close: () => Promise<void> }> {
  const store = await openCatalogTestStore(target);
  @Module({
    imports: [
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
      AnnotationsModule,
    ],
  })
  class AnnotationsTestAppModule {}
  const app = await NestFactory.create(AnnotationsTestAppModule, { logger: false });
  app.use((req: Request, _res: unknown, next: () => void) => {
    const header = req.headers[TEST_SCOPE_HEADER];
    attachScope(req, typeof header === 'string' ? scopeOfTerritories(JSON.parse(header) as TerritoryRef[]) : NATIONAL_SCOPE);
    next();
  });
  await app.init();
  const gql: AnnotationsGql = async <T>(query: string, variables: Record<string, unknown> = {}, scope?: TerritoryRef[]) => {
    const req = request(app.getHttpServer()).post('/graphql').set('content-type', 'application/json');
    if (scope) req.set(TEST_SCOPE_HEADER, JSON.stringify(scope));
    return (await req.send({ query, variables })).body as GraphQLResult<T>;
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
