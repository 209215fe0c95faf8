import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { AppConfig } from '@ent/config';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { AnnotationsModule } from './annotations/annotations.module';
import { AuthModule } from './auth/auth.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { CatalogModule } from './catalog/catalog.module';
import { APP_CONFIG } from './config/app-config.provider';
import { ClickHouseExceptionFilter } from './graphql/clickhouse-exception.filter';
import { graphqlProtection } from './graphql/graphql-hardening';
import { HealthModule } from './health/health.module';
import { IngestionModule } from './ingestion/ingestion.module';
import type { Stores } from './stores/open-stores';
import { StoresModule } from './stores/stores.module';
import { SystemModule } from './system/system.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, stores: Stores): DynamicModule {
    const production = config.nodeEnv === 'production';
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Credentials never reach the logs.
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
          },
        }),
        StoresModule.forRoot(config, stores),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          introspection: !production,
          includeStacktraceInErrorResponses: false,
          ...graphqlProtection(production),
          // Guards, the audit log and rate limits need the HTTP request and response.
          context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
          // Keep the HTTP status an error asks for (401, 403, 429 with Retry-After): clients and
          // proxies see a refusal as a refusal, not as a 200.
          preserveHttpStatusForExecutionErrors: false,
        }),
        AuthModule,
        AdminModule,
        HealthModule,
        SystemModule,
        IngestionModule,
        CatalogModule,
        AnnotationsModule,
        AnalyticsModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_FILTER, useClass: ClickHouseExceptionFilter }],
      exports: [APP_CONFIG],
    };
  }
}
