import type { AppConfig } from '@ent/config';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** HSTS for half a year: sent only on requests that came over HTTPS (a header over HTTP is meaningless). */
const HSTS = 'max-age=15552000; includeSubDomains';

/**
 * Whether the request came over HTTPS: as COOKIE_SECURE says (`auto` = Express's `req.secure`,
 * which trusts X-Forwarded-Proto from a loopback proxy only, see `trust proxy` in bootstrap.ts).
 */
export function cameOverHttps(req: Request, cookieSecure: AppConfig['auth']['cookieSecure']): boolean {
  return cookieSecure === 'auto' ? req.secure : cookieSecure;
}

/**
 * Security headers on every response (web application, GraphQL, health, errors), by helmet.
 * The CSP fits the built React application: scripts, styles, fonts and requests from this origin
 * only, no inline script, no framing (`frame-ancestors 'none'`, `X-Frame-Options: DENY`).
 */
export function securityHeaders(config: AppConfig): RequestHandler[] {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const hsts = (req: Request, res: Response, next: NextFunction) => {
    if (cameOverHttps(req, config.auth.cookieSecure)) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
  return [headers, hsts];
}
