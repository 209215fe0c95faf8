import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { AppConfig } from '@ent/config';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG } from './config/app-config.provider';
import { HealthModule } from './health/health.module';
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
        }),
        HealthModule,
        SystemModule,
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }],
      exports: [APP_CONFIG],
    };
  }
}
