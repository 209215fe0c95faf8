import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { catchError, tap, throwError, type Observable } from 'rxjs';
import { ACCESS_POLICY, type AccessPolicy } from '../auth/access.decorators';
import { AUDITED } from '../auth/auth-exception.filter';
import { requestResponse } from '../auth/utils/request-context.util';
import { AuditService, type AuditOutcome } from './audit.service';

/** What an operation is, for the audit log: `query establishments`, `POST /auth/login`. */
export function describeAction(context: ExecutionContext): { action: string; args: unknown } {
  if (context.getType<string>() === 'graphql') {
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo();
    return { action: `${info.operation.operation} ${info.fieldName}`, args: gql.getArgs() };
  }
  const { req } = requestResponse(context);
  return { action: `${req.method} ${req.route?.path ?? req.path}`, args: { query: req.query, body: req.body } };
}

const DENIED = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'CSRF_MISMATCH', 'LOCKED_OUT', 'RATE_LIMITED', 'INVALID_CREDENTIALS']);
const INVALID = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNUSABLE_FILE', 'INVALID_PASSWORD']);

/** denied (refused by access control), invalid (the request was wrong) or error (ours). */
export function outcomeOf(err: unknown): AuditOutcome {
  const e = err as { code?: unknown; extensions?: { code?: unknown }; httpStatus?: number; status?: number } | undefined;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.extensions?.code === 'string' ? e.extensions.code : undefined;
  if (code && DENIED.has(code)) return 'denied';
  if (code && INVALID.has(code)) return 'invalid';
  const status = e?.httpStatus ?? e?.status;
  if (status === 401 || status === 403 || status === 429) return 'denied';
  if (status && status >= 400 && status < 500) return 'invalid';
  return 'error';
}

/**
 * Records every signed-in access (and every sign-in attempt) once it has an outcome. Denials by
 * the guard are recorded by the exception filter, since interceptors run after guards.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    const { req } = requestResponse(context);
    const { action, args } = describeAction(context);
    const isSignIn = action === 'POST /auth/login';
    if (policy?.kind === 'public' && !isSignIn) return next.handle();
    const email = isSignIn ? (req.body as { email?: unknown })?.email : undefined;
    const write = (outcome: AuditOutcome) => {
      (req as { [AUDITED]?: boolean })[AUDITED] = true;
      this.audit.recordInBackground({ user: req.user, email: typeof email === 'string' ? email : undefined, action, args, outcome });
    };
    return next.handle().pipe(
      tap(() => write('ok')),
      catchError((err: unknown) => {
        write(outcomeOf(err));
        return throwError(() => err);
      }),
    );
  }
}
