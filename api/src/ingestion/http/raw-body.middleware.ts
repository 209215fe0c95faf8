import type { NextFunction, Request, Response } from 'express';
import { sendIngestError } from './ingest-http-errors';

/** Discarding an oversize body keeps the connection usable; beyond this much, it is closed. */
const DISCARD_LIMIT = 100 * 1024 * 1024;

/**
 * Reads the raw body of the ingestion routes (JSON, NDJSON, gzip) into `req.body` as a Buffer,
 * up to `maxBytes`, before Nest's JSON parser (100 KB limit) would consume it. An oversize body is
 * answered 413 after being read and discarded, so the client reads the answer and can reuse the
 * connection.
 */
export function rawBodyReader(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'POST' && req.method !== 'PUT') return next();
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number.isFinite(declared) && declared > maxBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      if (size > DISCARD_LIMIT) req.destroy();
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        sendIngestError(res, 413, 'body_too_large', `the body is larger than ${maxBytes} bytes (INGEST_MAX_BODY_BYTES)`);
        return;
      }
      (req as Request & { body: Buffer }).body = Buffer.concat(chunks, size);
      next();
    });
    req.on('error', () => undefined);
  };
}
