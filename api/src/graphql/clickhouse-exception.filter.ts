import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { ClickHouseQueryError } from '@ent/clickhouse';
import type { Response } from 'express';
import { GraphQLError } from 'graphql';

const TIMEOUT_EXCEEDED = '159';

/**
 * A failed ClickHouse query reaches the caller as a clean error, never as empty data and never
 * with SQL or internals: a runaway query stopped by max_execution_time is QUERY_TIMEOUT (503 with
 * Retry-After), anything else STORE_UNAVAILABLE (503). The details go to the log.
 */
@Catch(ClickHouseQueryError)
export class ClickHouseExceptionFilter implements ExceptionFilter, GqlExceptionFilter {
  private readonly logger = new Logger('ClickHouse');

  catch(error: ClickHouseQueryError, host: ArgumentsHost) {
    this.logger.error(`${error.operation}: ${error.message}`);
    const timeout = error.code === TIMEOUT_EXCEEDED;
    const code = timeout ? 'QUERY_TIMEOUT' : 'STORE_UNAVAILABLE';
    const message = timeout
      ? 'The query took too long and was stopped: narrow the period or the territory, or try again later.'
      : 'The usage store could not answer this request; try again later.';
    const headers = new Map([['retry-after', '30']]);
    if (host.getType<string>() === 'graphql') {
      return new GraphQLError(message, { extensions: { code, http: { status: 503, headers } } });
    }
    const res = host.switchToHttp().getResponse<Response>();
    res.setHeader('retry-after', '30');
    res.status(503).json({ error: code, message });
  }
}
