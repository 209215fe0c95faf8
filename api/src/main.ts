import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '@ent/config';
import pino from 'pino';
import { AuthService } from './auth/auth.service';
import { createApp } from './bootstrap';
import { loadDemoTerritoryIfEmpty } from './demo/load-demo-territory';
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
  const firstAdmin = await app.get(AuthService).ensureFirstAdmin();
  if (firstAdmin?.oneTimePassword) {
    // Printed once, on purpose: there is no other way to hand it over on a fresh install.
    log.warn(`First administrator created: ${firstAdmin.email}, one-time password ${firstAdmin.oneTimePassword} (to be changed at first sign-in)`);
  } else if (firstAdmin) {
    log.info(`First administrator created: ${firstAdmin.email} (password from ADMIN_PASSWORD)`);
  }
  if (config.demo) await loadDemoTerritoryIfEmpty(app, { info: (m) => log.info(m) });

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
