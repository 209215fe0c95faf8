import { Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { decodeBody, parseEventsBody } from '@ent/ingest';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../../auth/access.decorators';
import { IngestionRuntime } from '../ingestion-runtime';
import { ApiKeyGuard, type SourceRequest } from './api-key.guard';
import { answerIngestError } from './ingest-http-errors';

/**
 * `POST /ingest/events`: a JSON array, one JSON object or NDJSON, optionally gzipped. Answers
 * once every valid event is committed in ClickHouse: 200 with the counts and, for each refused
 * event, its index, field and reason (422 when every event was refused).
 */
// Senders are machines with API keys: the per-user API rate limits do not apply; the writer's
// buffer pushes back instead (429/503 with Retry-After).
@SkipThrottle({ short: true, long: true })
@Controller('ingest')
export class IngestEventsController {
  constructor(@Inject(IngestionRuntime) private readonly runtime: IngestionRuntime) {}

  @Post('events')
  @Public()
  @UseGuards(ApiKeyGuard)
  @HttpCode(200)
  async ingest(@Req() req: SourceRequest, @Res() res: Response): Promise<void> {
    const { maxBodyBytes, maxEventsPerRequest } = this.runtime.config;
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const items = parseEventsBody(decodeBody(raw, req.headers['content-encoding'], maxBodyBytes), maxEventsPerRequest);
      const result = await this.runtime.pipeline.ingest(items, req.ingestSource as string, 'http', { keyScope: req.ingestKeyScope });
      res.status(result.accepted === 0 && result.rejected > 0 ? 422 : 200).json(result);
    } catch (err) {
      if (!answerIngestError(res, err)) throw err;
    }
  }
}
