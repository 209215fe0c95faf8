/**
 * Rebuilds the ClickHouse rollups from the raw events (after an upgrade that adds a rollup, or to
 * repair one). `npm run rollups:backfill [-- --school-year 2025-2026]`.
 * - when the product is running on this data directory, it asks the product to do it (the embedded
 *   engine belongs to one process), through a temporary administrator session created in the
 *   relational store (local trust: whoever can write DATA_DIR can do this anyway) and closed at the end;
 * - otherwise it opens the stores in this process.
 * It says which it did.
 */
import 'reflect-metadata';
import { IsNull } from 'typeorm';
import { parseArgs } from 'node:util';
import { acquireEmbeddedLock, ClickHouseStore, EmbeddedStoreBusyError, readEmbeddedLock } from '@ent/clickhouse';
import { ConfigError, loadConfig, type AppConfig } from '@ent/config';
import { ClickHouseMigrator } from '@ent/migrations';
import { AuthService } from '../../auth/auth.service';
import { AppUserEntity } from '../../auth/entities/app-user.entity';
import { UserSessionEntity } from '../../auth/entities/user-session.entity';
import { openMigratedRelationalStore } from '../../ingestion/cli/local-stores';
import { RollupBackfill, type BackfillReport } from '../rollups/rollup-backfill';

class UsageError extends Error {}
const USAGE = 'usage: npm run rollups:backfill [-- --school-year 2025-2026]';

function print(reports: readonly BackfillReport[]): void {
  if (!reports.length) console.log('No raw events stored: nothing to rebuild.');
  for (const r of reports) console.log(`Rollups of ${r.schoolYear} rebuilt (${r.tables} tables) in ${r.seconds} s`);
}

async function viaApi(config: AppConfig, url: string, schoolYear: string | undefined): Promise<void> {
  const relational = await openMigratedRelationalStore(config);
  try {
    // An administrator who may act now (one still holding a one-time password may not).
    const admin = await relational.getRepository(AppUserEntity).findOne({ where: { role: 'admin', mustChangePassword: false, disabledAt: IsNull() }, order: { createdAt: 'ASC' } });
    if (!admin) throw new UsageError('No administrator account can act yet (sign in once and change the one-time password), or stop the product and run this again.');
    const auth = new AuthService(relational.getRepository(AppUserEntity), relational.getRepository(UserSessionEntity), config);
    const session = await auth.openSession(admin);
    try {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: `ent_session=${session.token}; ent_csrf=${session.csrfToken}`, 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          query: 'mutation($y: String) { rebuildRollups(schoolYear: $y) { schoolYear tables seconds } }',
          variables: { y: schoolYear ?? null },
        }),
      });
      const body = (await response.json()) as { data?: { rebuildRollups: BackfillReport[] }; errors?: { message: string }[] };
      if (body.errors?.length) throw new UsageError(`The product refused: ${body.errors[0].message}`);
      print(body.data?.rebuildRollups ?? []);
    } finally {
      await auth.logout(session.user.sessionId);
    }
  } finally {
    await relational.destroy();
  }
}

async function locally(config: AppConfig, schoolYear: string | undefined): Promise<void> {
  const release = config.clickhouse.transport === 'embedded' ? acquireEmbeddedLock(config.clickhouse.path, { command: 'rollups:backfill' }).release : () => undefined;
  const store = await ClickHouseStore.open(config.clickhouse);
  try {
    await new ClickHouseMigrator(store).migrate();
    const backfill = new RollupBackfill(store);
    print(schoolYear ? [await backfill.rebuild(schoolYear)] : await backfill.rebuildAll());
  } finally {
    await store.close();
    release();
  }
}

async function run(argv: string[]): Promise<number> {
  let values: { 'school-year'?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { 'school-year': { type: 'string' } }, allowPositionals: false }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${USAGE}`);
  }
  const schoolYear = values['school-year'];
  if (schoolYear !== undefined && !/^\d{4}-\d{4}$/.test(schoolYear)) throw new UsageError(`--school-year: "${schoolYear}" is not a school year (e.g. 2025-2026)`);
  const config = loadConfig();
  const holder = config.clickhouse.transport === 'embedded' ? readEmbeddedLock(config.clickhouse.path) : undefined;
  if (holder?.port) {
    console.log(`The product is running (pid ${holder.pid}): asking it to rebuild the rollups.`);
    await viaApi(config, `http://127.0.0.1:${holder.port}`, schoolYear);
    return 0;
  }
  if (holder) throw new EmbeddedStoreBusyError(config.clickhouse.path, holder);
  console.log(`No product running on ${config.dataDir}: opening ClickHouse in this process.`);
  await locally(config, schoolYear);
  return 0;
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof EmbeddedStoreBusyError) console.error(err.message);
    else console.error(`rollups:backfill failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
