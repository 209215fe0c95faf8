import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { AppConfig } from '@ent/config';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../../config/app-config.provider';
import { Public } from '../access.decorators';
import { CSRF_COOKIE } from '../auth.controller';
import { SESSION_COOKIE } from '../utils/request-context.util';
import { OidcService } from './oidc.service';

@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Sends the browser to the identity provider. */
  @Get('login')
  @Public()
  async login(@Res() res: Response) {
    res.redirect(302, (await this.oidc.authorizationUrl()).href);
  }

  /** The identity provider sends the browser back here; a session is opened, then the app. */
  @Get('callback')
  @Public()
  async callback(@Req() req: Request, @Res() res: Response) {
    const redirect = new URL(this.config.auth.oidc?.redirectUrl ?? 'http://localhost/auth/oidc/callback');
    const callbackUrl = new URL(req.originalUrl, redirect.origin);
    const session = await this.oidc.complete(callbackUrl);
    const secure = this.config.auth.cookieSecure === 'auto' ? redirect.protocol === 'https:' : this.config.auth.cookieSecure;
    const maxAge = session.expiresAt.getTime() - Date.now();
    res.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge });
    res.cookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, sameSite: 'lax', secure, path: '/', maxAge });
    res.redirect(302, '/');
  }
}
