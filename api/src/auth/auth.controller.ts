import { Body, Controller, Get, HttpCode, Post, Req, Res, ValidationPipe } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Inject } from '@nestjs/common';
import type { AppConfig } from '@ent/config';
import { APP_CONFIG } from '../config/app-config.provider';
import { cameOverHttps } from '../http/security-headers.middleware';
import { AllowedBeforePasswordChange, Public, SignedIn } from './access.decorators';
import { AuthService, type AuthenticatedUser } from './auth.service';
import { ChangePasswordInput, LoginInput } from './dtos/inputs/login.input';
import { SESSION_COOKIE, type ObservatoryRequest } from './utils/request-context.util';

/** Bodies are validated against their class; unknown fields are refused. */
const validated = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true });

/** Readable by the page's own script (double submit), never by another site. */
export const CSRF_COOKIE = 'ent_csrf';

function publicUser(u: AuthenticatedUser) {
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, territories: u.territories, mustChangePassword: u.mustChangePassword };
}

/**
 * Sign-in with an httpOnly, SameSite=Lax session cookie and a CSRF token: the session cookie is
 * out of reach of scripts (an XSS cannot steal it), and every state-changing request must echo
 * the CSRF token in the X-CSRF-Token header, which another site cannot read.
 */
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private secure(req: Request): boolean {
    return cameOverHttps(req, this.config.auth.cookieSecure);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  async login(@Body(validated) input: LoginInput, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const session = await this.auth.login(input.email, input.password);
    const maxAge = session.expiresAt.getTime() - Date.now();
    const secure = this.secure(req);
    res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
    res.cookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
    return { user: publicUser(session.user), csrfToken: session.csrfToken };
  }

  @Post('logout')
  @SignedIn()
  @AllowedBeforePasswordChange()
  @HttpCode(200)
  async logout(@Req() req: ObservatoryRequest, @Res({ passthrough: true }) res: Response) {
    await this.auth.logout((req.user as AuthenticatedUser).sessionId);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
    return { signedOut: true };
  }

  /**
   * How one may sign in on this instance, for the sign-in page (before any session): the password
   * form always, single sign-on when OIDC is configured. Says nothing about any account.
   */
  @Get('methods')
  @Public()
  methods() {
    return { password: true, oidc: this.config.auth.oidc !== undefined };
  }

  @Get('session')
  @SignedIn()
  @AllowedBeforePasswordChange()
  session(@Req() req: ObservatoryRequest) {
    return { user: publicUser(req.user as AuthenticatedUser) };
  }

  @Post('password')
  @SignedIn()
  @AllowedBeforePasswordChange()
  @HttpCode(200)
  async changePassword(@Body(validated) input: ChangePasswordInput, @Req() req: ObservatoryRequest) {
    await this.auth.changePassword(req.user as AuthenticatedUser, input.current, input.next);
    return { changed: true };
  }
}
