import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '../auth.service';

export interface ObservatoryRequest extends Request {
  user?: AuthenticatedUser;
}

/** The HTTP request and response behind a REST route or a GraphQL operation. */
export function requestResponse(context: ExecutionContext): { req: ObservatoryRequest; res: Response } {
  if (context.getType<string>() === 'graphql') {
    const ctx = GqlExecutionContext.create(context).getContext<{ req: ObservatoryRequest; res: Response }>();
    return { req: ctx.req, res: ctx.res };
  }
  const http = context.switchToHttp();
  return { req: http.getRequest<ObservatoryRequest>(), res: http.getResponse<Response>() };
}

/** True for GraphQL mutations and for HTTP methods that change state. */
export function changesState(context: ExecutionContext): boolean {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getInfo().operation.operation === 'mutation';
  }
  return !['GET', 'HEAD', 'OPTIONS'].includes(context.switchToHttp().getRequest<Request>().method);
}

export const SESSION_COOKIE = 'ent_session';
export const CSRF_HEADER = 'x-csrf-token';
