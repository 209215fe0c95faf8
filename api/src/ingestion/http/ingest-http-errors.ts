import { BatchRejectedError, BodyError, BufferFullError, WriterClosedError } from '@ent/ingest';
import type { Response } from 'express';

/** Error answer of the ingestion routes: `{ error: { status, reason, message } }`. */
export function sendIngestError(res: Response, status: number, reason: string, message: string, headers: Record<string, string> = {}): void {
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(status).json({ error: { status, reason, message } });
}

/**
 * Maps what the pipeline throws to an HTTP answer. Bad input → 4xx; a full buffer → 429 (503
 * while ClickHouse fails) with Retry-After; a stopping process → 503. Returns false for anything
 * else (a bug): the caller lets Nest answer 500 without details.
 */
export function answerIngestError(res: Response, err: unknown): boolean {
  if (err instanceof BodyError) {
    sendIngestError(res, err.status, err.reason, err.message);
  } else if (err instanceof BufferFullError) {
    sendIngestError(res, err.storageUnavailable ? 503 : 429, err.storageUnavailable ? 'storage_unavailable' : 'buffer_full', err.message, {
      'Retry-After': String(err.retryAfterSeconds),
    });
  } else if (err instanceof WriterClosedError) {
    sendIngestError(res, 503, 'stopping', err.message, { 'Retry-After': '5' });
  } else if (err instanceof BatchRejectedError) {
    sendIngestError(res, 503, 'storage_rejected', 'ClickHouse refused the batch holding these events; nothing was acknowledged, retry later', {
      'Retry-After': '30',
    });
  } else {
    return false;
  }
  return true;
}
