import { Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { ClickHouseStore } from '@ent/clickhouse';
import type { AppConfig } from '@ent/config';
import {
  applyEventsRetention,
  DeadLetterRecorder,
  EventWriter,
  IngestionPipeline,
  loadOrCreateHmacKey,
  Pseudonymiser,
} from '@ent/ingest';
import type { DataSource } from 'typeorm';
import { ApiKeysService } from './api-keys.service';
import { RelationalUaiDirectory } from './relational-uai-directory';
import { XapiStatementDigests } from './xapi-statement-digests';

/** How far back a restarted process remembers received event ids (see EventWriter.warmUp). */
const RESEND_WINDOW_MS = 6 * 3600_000;

/**
 * The ingestion pipeline of this process and its lifecycle: created at start (key loaded, TTL
 * aligned, catalog of UAIs read), drained on shutdown (SIGTERM → app.close() → every pending
 * event is written before the stores close).
 */
export class IngestionRuntime implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Ingestion');

  private constructor(
    readonly pipeline: IngestionPipeline,
    readonly writer: EventWriter,
    readonly uaiDirectory: RelationalUaiDirectory,
    readonly apiKeys: ApiKeysService,
    readonly config: AppConfig['ingest'],
    readonly xapiDigests: XapiStatementDigests,
  ) {}

  static async start(
    config: AppConfig,
    clickhouse: ClickHouseStore,
    relational: DataSource,
    logger: Pick<Logger, 'log' | 'warn' | 'error'> = new Logger('Ingestion'),
  ): Promise<IngestionRuntime> {
    const { key, origin } = loadOrCreateHmacKey(config.ingest);
    logger.log(`pseudonymisation key: ${origin === 'INGEST_HMAC_KEY' ? 'from INGEST_HMAC_KEY' : `${origin} ${config.ingest.hmacKeyFile}`}`);
    const ttlChange = await applyEventsRetention(clickhouse, config.ingest.retentionMonths);
    if (ttlChange) logger.log(ttlChange);
    const uaiDirectory = new RelationalUaiDirectory(relational);
    await uaiDirectory.refresh();
    uaiDirectory.start((err) => logger.warn(`cannot refresh the establishments for the UAI check: ${err.message}`));
    const log = { warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) };
    const writer = new EventWriter(clickhouse, {
      batchMaxRows: config.ingest.batchMaxRows,
      flushIntervalMs: config.ingest.flushIntervalMs,
      bufferMaxEvents: config.ingest.bufferMaxEvents,
      log,
    });
    // Resends after a crash arrive within minutes: the ids received in the last hours are enough.
    const remembered = await writer.warmUp(Date.now() - RESEND_WINDOW_MS);
    if (remembered) logger.log(`${remembered} event ids received in the last ${RESEND_WINDOW_MS / 3600_000} hours remembered (resends are counted once)`);
    const pipeline = new IngestionPipeline({
      writer,
      deadLetters: new DeadLetterRecorder(clickhouse, log),
      pseudonymiser: new Pseudonymiser(key),
      retentionMonths: config.ingest.retentionMonths,
      uaiDirectory,
    });
    return new IngestionRuntime(pipeline, writer, uaiDirectory, new ApiKeysService(relational), config.ingest, new XapiStatementDigests(relational, config.ingest.retentionMonths));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.uaiDirectory.stop();
    const pending = this.writer.pendingCount;
    if (pending) this.logger.log(`writing ${pending} pending events before stopping`);
    await this.writer.drain();
  }
}
