import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_POLICY, ALLOWED_BEFORE_PASSWORD_CHANGE, type AccessPolicy } from './access.decorators';
import { AuthErrorCode, AuthException } from './auth.errors';
import { AuthService, sha256 } from './auth.service';
import { changesState, CSRF_HEADER, requestResponse, SESSION_COOKIE } from './utils/request-context.util';

/**
 * Global guard: resolves the session cookie to a user, then enforces the handler's declared
 * access policy and the CSRF token on every state-changing request. A handler that declares no
 * policy is refused (deny by default).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, targets);
    const { req } = requestResponse(context);
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    req.user = await this.auth.authenticate(token);

    if (policy?.kind === 'public') return true;
    if (!policy) throw new AuthException(AuthErrorCode.Forbidden, 'This operation declares no access policy.');
    const user = req.user;
    if (!user) throw new AuthException(AuthErrorCode.Unauthenticated, 'Sign in first: no valid session.');

    if (changesState(context)) {
      const header = req.headers[CSRF_HEADER];
      if (typeof header !== 'string' || sha256(header) !== user.csrfHash) {
        throw new AuthException(AuthErrorCode.CsrfMismatch, `Missing or wrong ${CSRF_HEADER} header for a request that changes data.`);
      }
    }
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_PASSWORD_CHANGE, targets)) {
      throw new AuthException(AuthErrorCode.PasswordChangeRequired, 'Change your one-time password first.');
    }
    if (policy.kind === 'roles' && !policy.roles.includes(user.role)) {
      throw new AuthException(AuthErrorCode.Forbidden, `This operation is reserved to: ${policy.roles.join(', ')}.`);
    }
    return true;
  }
}
