import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { AuthErrorCode, AuthException } from './auth.errors';
import { requestResponse, type ObservatoryRequest } from './utils/request-context.util';

/**
 * Rate limits per signed-in user (per address for anonymous requests), over the whole API rather
 * than per route, answered with 429 and a standard Retry-After header. Runs after AuthGuard,
 * which has resolved the user.
 */
@Injectable()
export class UserThrottlerGuard extends ThrottlerGuard {

  protected override async getTracker(req: ObservatoryRequest): Promise<string> {
    return req.user ? `user:${req.user.id}` : `ip:${req.ip}`;
  }

  protected override getRequestResponse(context: ExecutionContext) {
    const { req, res } = requestResponse(context);
    return { req: req as unknown as Record<string, unknown>, res: res as unknown as Record<string, unknown> };
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new AuthException(
      AuthErrorCode.RateLimited,
      `Too many requests: at most ${detail.limit} per ${detail.ttl / 1000} s. Try again in ${detail.timeToBlockExpire} s.`,
      detail.timeToBlockExpire,
    );
  }
}
