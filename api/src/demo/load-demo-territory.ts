import type { INestApplication } from '@nestjs/common';
import { ClickHouseStore } from '@ent/clickhouse';
import { loadDemoEvents } from '@ent/ingest';
import { DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import { ensureDemoAccounts } from '../auth/demo-accounts';
import { loadDemoAnnotations } from '../annotations/demo/demo-annotations';
import { loadDemoCatalog } from '../catalog/demo/load-demo-catalog';
import { EstablishmentEntity } from '../catalog/entities/establishment.entity';
import { IngestionRuntime } from '../ingestion/ingestion-runtime';

interface DemoLog {
  info(message: string): void;
}

/**
 * The demo territory, loaded at start when both stores are empty: the catalog of the 56 collèges
 * first (events of unknown establishments are refused), one account per role, then about 13
 * months of usage events sent through the ingestion pipeline.
 */
export async function loadDemoTerritoryIfEmpty(app: INestApplication, log: DemoLog, today = new Date()): Promise<boolean> {
  const relational = app.get(DataSource);
  const clickhouse = app.get(ClickHouseStore);
  const [{ events }] = await clickhouse.query<{ events: number }>('SELECT count() AS events FROM events', { operation: 'checking for data before the demo' });
  const establishments = await relational.getRepository(EstablishmentEntity).count();
  if (events > 0 || establishments > 0) {
    log.info(`Demo territory not loaded: the stores already hold ${establishments} establishments and ${events} events.`);
    return false;
  }
  const started = Date.now();
  log.info('Loading the demo territory (Haute-Saône, Haute-Loire, Savoie): catalog, accounts, about 13 months of usage…');
  const catalog = await loadDemoCatalog(relational, today);
  const notes = await loadDemoAnnotations(relational, today);
  const accounts = await ensureDemoAccounts(app.get(AuthService));
  const runtime = app.get(IngestionRuntime);
  await runtime.uaiDirectory.refresh();
  let lastReport = 0;
  const result = await loadDemoEvents(runtime.pipeline, {
    today,
    onProgress: (sent) => {
      if (sent - lastReport >= 100_000) {
        lastReport = sent;
        log.info(`  demo events sent: ${sent}`);
      }
    },
  });
  log.info(
    `Demo territory loaded in ${Math.round((Date.now() - started) / 1000)} s: ${catalog.establishments.created} establishments ` +
      `(school years ${catalog.previousSchoolYear} and ${catalog.currentSchoolYear}), ${accounts.length} demo accounts, ${notes} annotations, ` +
      `${result.accepted} events stored, ${result.rejected} refused.`,
  );
  return true;
}
