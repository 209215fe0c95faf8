import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@ent/config';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { refuseDeepJson } from './http/json-depth.middleware';
import { securityHeaders } from './http/security-headers.middleware';
import type { Stores } from './stores/open-stores';
import { serveWeb } from './web/serve-web';

/** Builds the Nest application on opened stores (used by `main.ts` and by tests). */
export async function createApp(config: AppConfig, stores: Stores): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, stores), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(...securityHeaders(config));
  app.use(cookieParser());
  // The JSON parser is installed here rather than by app.init() so that the depth check follows it
  // (the ingestion routes read their bodies raw, before it: see IngestionBodyReaderInstaller).
  app.useBodyParser('json');
  app.use(refuseDeepJson);
  serveWeb(app, config.webDist);
  return app;
}
