import { XAPI_VERSION } from '@ent/ingest';
import type { NextFunction, Request, Response } from 'express';

/**
 * xAPI 1.0.3 (Communication 3.3): every answer of the LRS, errors included, carries
 * `X-Experience-API-Version` with the version it speaks. Installed before the guards, so that a
 * 401 or 429 carries it too.
 */
export function xapiVersionHeader(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Experience-API-Version', XAPI_VERSION);
  next();
}
