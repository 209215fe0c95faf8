import { HttpException, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { KeyScope } from '@ent/ingest';
import type { Request, Response } from 'express';
import { IngestionRuntime } from '../ingestion-runtime';
import { keyScopeOf } from '../key-scope';

export interface SourceRequest extends Request {
  ingestSource?: string;
  /** The territories of the request's key; undefined: national reach. */
  ingestKeyScope?: KeyScope;
}

/** The key of a request: `Authorization: Bearer <key>`, HTTP Basic with the key as password (xAPI clients), or `X-API-Key`. */
export function apiKeyOf(req: Request): string | undefined {
  const auth = req.headers.authorization?.trim();
  if (auth) {
    const [scheme, value = ''] = auth.split(/\s+/, 2);
    if (/^bearer$/i.test(scheme)) return value;
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      return colon >= 0 ? decoded.slice(colon + 1) : decoded;
    }
    return undefined;
  }
  const header = req.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

/**
 * Requests per key in the current one-second window. A fixed window is enough here: it caps a
 * runaway sender; the writer's buffer is what protects ClickHouse (429/503 when full).
 */
class PerKeyRateLimit {
  private second = 0;
  private readonly counts = new Map<string, number>();

  /** True when the key may send one more request now. */
  take(key: string, limit: number, nowMs = Date.now()): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      this.second = second;
      this.counts.clear();
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= limit;
  }
}

/**
 * Resolves the API key to its source (ENT platform) and territories; refuses a missing, unknown or
 * revoked key with 401, and a key over INGEST_RATE_LIMIT_PER_SECOND with 429 and Retry-After.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly rateLimit = new PerKeyRateLimit();

  constructor(@Inject(IngestionRuntime) private readonly runtime: IngestionRuntime) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<SourceRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const key = apiKeyOf(req);
    const resolved = key ? await this.runtime.apiKeys.resolve(key) : undefined;
    if (resolved && key) {
      if (!this.rateLimit.take(key, this.runtime.config.rateLimitPerSecond)) {
        res.setHeader('Retry-After', '1');
        const message = `at most ${this.runtime.config.rateLimitPerSecond} requests per second per API key: retry in 1 s`;
        throw new HttpException({ error: { status: 429, reason: 'rate_limited', message } }, 429);
      }
      req.ingestSource = resolved.source;
      if (resolved.territories) req.ingestKeyScope = keyScopeOf(resolved.territories, this.runtime.uaiDirectory);
      return true;
    }
    res.setHeader('WWW-Authenticate', 'Bearer realm="ingest", Basic realm="xAPI"');
    const reason = key ? 'invalid_api_key' : 'missing_api_key';
    const message = key
      ? 'the API key is unknown or revoked'
      : 'an API key is required: Authorization: Bearer <key> (or HTTP Basic with the key as password)';
    throw new HttpException({ error: { status: 401, reason, message } }, 401);
  }
}
