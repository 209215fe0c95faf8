import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { NATIONAL_SCOPE, scopeOfTerritories, type TerritorialScope, type TerritoryRef } from './territorial-scope';

/** Where the access-control layer leaves the caller's scope on the request. */
const SCOPE_KEY = 'territorialScope';

/** The signed-in user as the authentication guard leaves it on the request (`req.user`). */
interface RequestUser {
  role?: string;
  territories?: TerritoryRef[];
}

type ScopedRequest = { [SCOPE_KEY]?: TerritorialScope; user?: RequestUser };

/** Sets the caller's scope on a request (the access-control layer calls this once it knows the caller). */
export function attachScope(request: object, scope: TerritorialScope): void {
  (request as ScopedRequest)[SCOPE_KEY] = scope;
}

/**
 * The caller's scope: the one attached to the request, else the signed-in user's (an administrator
 * is national, anyone else covers exactly their territories). A request with neither covers
 * nothing: a missing user never widens access (the guard refuses such calls before they get here).
 */
export function scopeOfRequest(request: object | undefined): TerritorialScope {
  const r = request as ScopedRequest | undefined;
  if (r?.[SCOPE_KEY]) return r[SCOPE_KEY];
  if (r?.user) return r.user.role === 'admin' ? NATIONAL_SCOPE : scopeOfTerritories(r.user.territories ?? []);
  return scopeOfTerritories([]);
}

function requestOf(context: ExecutionContext): object | undefined {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req?: object }>().req;
  }
  return context.switchToHttp().getRequest<object>();
}

/** Resolver parameter: the caller's territorial scope. */
export const CurrentScope = createParamDecorator((_data: unknown, context: ExecutionContext) => scopeOfRequest(requestOf(context)));

/** Resolver parameter: the signed-in caller's role (undefined for a request without a user). */
export const CurrentRole = createParamDecorator((_data: unknown, context: ExecutionContext) => (requestOf(context) as ScopedRequest | undefined)?.user?.role);
