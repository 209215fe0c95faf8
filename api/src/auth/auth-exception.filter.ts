import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { GqlArgumentsHost, type GqlExceptionFilter } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import { AuditService } from '../audit/audit.service';
import { AuthException } from './auth.errors';
import type { ObservatoryRequest } from './utils/request-context.util';

/** Set by the audit interceptor once it has recorded a request, so nothing is recorded twice. */
export const AUDITED = Symbol('audited');

/**
 * Maps AuthException once: an HTTP status with `{ error, message }` for REST, and for GraphQL an
 * error with `extensions.code` plus the same HTTP status and Retry-After (Apollo applies
 * `extensions.http`). Refusals by the guards are written to the audit log here.
 */
@Catch(AuthException)
export class AuthExceptionFilter implements ExceptionFilter, GqlExceptionFilter {
  constructor(private readonly audit: AuditService) {}

  catch(exception: AuthException, host: ArgumentsHost) {
    const headers = new Map<string, string>();
    if (exception.retryAfterSeconds !== undefined) headers.set('retry-after', String(exception.retryAfterSeconds));

    if (host.getType<string>() === 'graphql') {
      const gql = GqlArgumentsHost.create(host);
      const req = gql.getContext<{ req: ObservatoryRequest & { [AUDITED]?: boolean } }>().req;
      const info = gql.getInfo();
      this.recordRefusal(req, `${info.operation.operation} ${info.fieldName}`, gql.getArgs());
      return new GraphQLError(exception.message, {
        extensions: {
          code: exception.code,
          ...(exception.retryAfterSeconds !== undefined ? { retryAfter: exception.retryAfterSeconds } : {}),
          http: { status: exception.httpStatus, headers },
        },
      });
    }
    const req = host.switchToHttp().getRequest<Request & ObservatoryRequest & { [AUDITED]?: boolean }>();
    this.recordRefusal(req, `${req.method} ${req.route?.path ?? req.path}`, { query: req.query });
    const res = host.switchToHttp().getResponse<Response>();
    for (const [k, v] of headers) res.setHeader(k, v);
    res.status(exception.httpStatus).json({ error: exception.code, message: exception.message });
  }

  private recordRefusal(req: (ObservatoryRequest & { [AUDITED]?: boolean }) | undefined, action: string, args: unknown) {
    if (!req || req[AUDITED]) return;
    req[AUDITED] = true;
    this.audit.recordInBackground({ user: req.user, action, args, outcome: 'denied' });
  }
}
