import { Controller, Inject, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  BodyError,
  checkConflicts,
  checkXapiStatements,
  checkXapiVersionHeader,
  decodeBody,
  jsonErrorWhere,
  mapStatement,
  XapiError,
  type BodyItem,
  type DeadLetter,
  type XapiErrorReason,
} from '@ent/ingest';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../../auth/access.decorators';
import { IngestionRuntime } from '../ingestion-runtime';
import { ApiKeyGuard, type SourceRequest } from './api-key.guard';
import { answerIngestError, sendIngestError } from './ingest-http-errors';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The reason of a request refused for one of its mapped events: a valid statement outside the
 * retention window or too far in the future says so; any other refusal of the contract means the
 * statement's content is not what the observatory accepts.
 */
function statementReason(eventReason: string): XapiErrorReason {
  if (eventReason === 'unmapped_statement' || eventReason === 'too_old' || eventReason === 'future_date') return eventReason;
  return 'invalid_statement';
}

/**
 * xAPI 1.0.3 statements resource (the write half of an LRS): `POST /xapi/statements` (one statement
 * or an array → 200 with the ids) and `PUT /xapi/statements?statementId=…` (→ 204). A request is
 * stored entirely or refused entirely (400 with the reason, 409 for an id already stored with other
 * content), as xAPI requires. Stages: check (xAPI validation, ids) → conflicts → map → contract
 * (pipeline) → write → record the digests.
 */
// Senders are machines with API keys: the per-user API rate limits do not apply; the writer's
// buffer pushes back instead (429/503 with Retry-After).
@SkipThrottle({ short: true, long: true })
@Controller('xapi')
export class XapiStatementsController {
  constructor(@Inject(IngestionRuntime) private readonly runtime: IngestionRuntime) {}

  @Post('statements')
  @Public()
  @UseGuards(ApiKeyGuard)
  async post(@Req() req: SourceRequest, @Res() res: Response): Promise<void> {
    await this.handle(req, res, undefined);
  }

  @Put('statements')
  @Public()
  @UseGuards(ApiKeyGuard)
  async put(@Req() req: SourceRequest, @Res() res: Response, @Query('statementId') statementId: unknown): Promise<void> {
    await this.handle(req, res, typeof statementId === 'string' ? statementId : '');
  }

  private async handle(req: SourceRequest, res: Response, putId: string | undefined): Promise<void> {
    const source = req.ingestSource as string;
    try {
      checkXapiVersionHeader(req.headers['x-experience-api-version']);
      const checked = checkXapiStatements(this.readStatements(req, putId), putId);
      const stored = await this.runtime.xapiDigests.find(checked.filter((c) => c.idFromSender).map((c) => c.id));
      checkConflicts(checked, stored);
      const receivedAtMs = Date.now();
      const receivedAt = new Date(receivedAtMs).toISOString();
      const items: BodyItem[] = [];
      const unmapped: DeadLetter[] = [];
      checked.forEach((c, i) => {
        const m = mapStatement(c.statement, c.id, receivedAt);
        if (m.ok) items.push({ value: m.event });
        else unmapped.push({ rejection: { index: i, field: m.field, reason: 'unmapped_statement', message: m.message }, item: undefined });
      });
      const prepared = await this.runtime.pipeline.prepare(items, source, { keyScope: req.ingestKeyScope });
      const refused = [...unmapped, ...prepared.deadLetters.map((d) => ({ ...d, rejection: { ...d.rejection, index: this.originalIndex(checked, unmapped, d.rejection.index) } }))];
      if (refused.length) {
        await this.runtime.pipeline.recordRejections(source, 'xapi', refused);
        const first = refused.sort((a, b) => a.rejection.index - b.rejection.index)[0].rejection;
        res.status(400).json({
          error: {
            status: 400,
            reason: statementReason(first.reason),
            message: `statement ${first.index}: ${first.field ? `${first.field}: ` : ''}${first.message}`,
            rejections: refused.map((r) => r.rejection),
          },
        });
        return;
      }
      this.runtime.writer.assertCanAccept(prepared.rows.length);
      await this.runtime.writer.submit(prepared.rows);
      const fresh = checked.filter((c) => !stored.has(c.id)).map((c) => ({ statementId: c.id, digest: c.digest }));
      await this.runtime.xapiDigests.record(source, fresh, receivedAtMs);
      if (putId !== undefined) res.status(204).end();
      else res.status(200).json(checked.map((c) => c.id));
    } catch (err) {
      if (err instanceof XapiError) sendIngestError(res, err.status, err.reason, err.message);
      else if (!answerIngestError(res, err)) throw err;
    }
  }

  private readStatements(req: SourceRequest, putId: string | undefined): unknown[] {
    const { maxBodyBytes, maxEventsPerRequest } = this.runtime.config;
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const text = decodeBody(raw, req.headers['content-encoding'], maxBodyBytes).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (err) {
      throw new XapiError(400, 'invalid_statement', `the body is not valid JSON (${jsonErrorWhere(err)})`);
    }
    if (putId !== undefined) {
      if (!UUID.test(putId)) throw new XapiError(400, 'invalid_statement', 'the statementId parameter must be a UUID');
      if (Array.isArray(body) || body === null || typeof body !== 'object') throw new XapiError(400, 'invalid_statement', 'PUT takes one statement');
      const id = (body as { id?: unknown }).id;
      if (id !== undefined && String(id).toLowerCase() !== putId.toLowerCase()) {
        throw new XapiError(400, 'invalid_statement', 'the statement id differs from the statementId parameter');
      }
      return [body];
    }
    const statements = Array.isArray(body) ? body : [body];
    if (statements.length === 0) throw new XapiError(400, 'invalid_statement', 'no statement in the body');
    if (statements.length > maxEventsPerRequest) {
      throw new BodyError(413, 'too_many_events', `the body holds ${statements.length} statements; the limit is ${maxEventsPerRequest} per request`);
    }
    return statements;
  }

  /** Index among the statements of the n-th mapped one (unmapped ones are skipped in `items`). */
  private originalIndex(statements: readonly unknown[], unmapped: DeadLetter[], mappedIndex: number): number {
    const skipped = new Set(unmapped.map((u) => u.rejection.index));
    let seen = -1;
    for (let i = 0; i < statements.length; i++) {
      if (skipped.has(i)) continue;
      if (++seen === mappedIndex) return i;
    }
    return mappedIndex;
  }
}
