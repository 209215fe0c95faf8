import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '@ent/config';
import pino from 'pino';
import { createApp } from './bootstrap';
import { closeStores, openStores, StartupError } from './stores/open-stores';

/** Prints one line and stops: configuration and startup errors are meant for a person. */
function stop(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) stop(err.message);
    throw err;
  }
  const log = pino({ level: config.logLevel, base: { app: 'ent-observatory' } });

  const stores = await openStores(config, { info: (m) => log.info(m) }).catch((err: unknown) => {
    if (err instanceof StartupError) stop(err.message);
    throw err;
  });
  const app = await createApp(config, stores);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: stopping`);
    await app.close();
    await closeStores(stores);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    await app.listen(config.port, config.host);
  } catch (err) {
    await closeStores(stores);
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EADDRINUSE') stop(`Port ${config.port} is already in use: set PORT to a free port.`);
    throw err;
  }
  log.info(`ENT observatory listening on http://localhost:${config.port}`);
}

main().catch((err: unknown) => {
  console.error(`Startup failed: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
