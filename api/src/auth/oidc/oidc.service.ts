import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig, OidcConfig } from '@ent/config';
import type * as OidcClient from 'openid-client' with { 'resolution-mode': 'import' };
import { APP_CONFIG } from '../../config/app-config.provider';
import { AuthErrorCode, AuthException } from '../auth.errors';
import { AuthService, type NewSession } from '../auth.service';
import { DataSource } from 'typeorm';
import { OidcPendingLoginEntity } from '../entities/oidc-pending-login.entity';
import { OidcPendingLogins } from './oidc-pending-logins';


// openid-client is an ES module; loaded on first use (a deployment without SSO never loads it).
let library: Promise<typeof OidcClient> | undefined;
const openidClient = () => (library ??= import('openid-client'));

/**
 * OpenID Connect sign-in (authorization code flow with PKCE, state and nonce). Académies and
 * départements run their own identity providers; the person is mapped to a local account by
 * e-mail, which an administrator created with its role and territories. Pending logins are kept
 * 10 minutes in the relational store (`OidcPendingLogins`), so that the callback may reach
 * another API process than the one the login started on.
 */
@Injectable()
export class OidcService {
  private configuration?: Promise<OidcClient.Configuration>;
  private readonly pending: OidcPendingLogins;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    dataSource: DataSource,
  ) {
    this.pending = new OidcPendingLogins(dataSource.getRepository(OidcPendingLoginEntity));
  }

  get enabled(): boolean {
    return this.config.auth.oidc !== undefined;
  }

  private settings(): OidcConfig {
    const s = this.config.auth.oidc;
    if (!s) throw new AuthException(AuthErrorCode.Forbidden, 'Single sign-on is not configured (OIDC_ISSUER).');
    return s;
  }

  private async discover(): Promise<OidcClient.Configuration> {
    const s = this.settings();
    const oidc = await openidClient();
    const issuer = new URL(s.issuer);
    // Plain HTTP is accepted only for an issuer on this machine (configuration refuses others).
    const options = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
    this.configuration ??= oidc.discovery(issuer, s.clientId, s.clientSecret, undefined, options).catch((err: unknown) => {
      this.configuration = undefined;
      throw new AuthException(AuthErrorCode.Forbidden, `The identity provider ${s.issuer} cannot be reached: ${(err as Error).message}`);
    });
    return this.configuration;
  }

  /** The provider URL to send the browser to. */
  async authorizationUrl(now = Date.now()): Promise<URL> {
    const configuration = await this.discover();
    const oidc = await openidClient();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.pending.add(state, { codeVerifier, nonce }, now);
    return oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings().redirectUrl,
      scope: 'openid email profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
  }

  /** Completes the flow from the callback URL and opens a session for the matching account. */
  async complete(callbackUrl: URL, now = Date.now()): Promise<NewSession> {
    const configuration = await this.discover();
    const oidc = await openidClient();
    const state = callbackUrl.searchParams.get('state') ?? '';
    const pending = await this.pending.take(state, now);
    if (!pending) {
      throw new AuthException(AuthErrorCode.Unauthenticated, 'This sign-in link has expired or was already used: start again.');
    }
    let claims: OidcClient.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (err) {
      throw new AuthException(AuthErrorCode.Unauthenticated, `The identity provider's answer was refused: ${(err as Error).message}`);
    }
    const email = typeof claims?.email === 'string' ? claims.email : undefined;
    if (!email || claims?.email_verified === false) {
      throw new AuthException(AuthErrorCode.Forbidden, 'The identity provider gave no verified e-mail address.');
    }
    const user = await this.auth.findByEmail(email);
    if (!user || user.disabledAt) {
      throw new AuthException(AuthErrorCode.Forbidden, `No active account for ${email.toLowerCase()}: ask an administrator to create one.`);
    }
    return this.auth.openSession(user);
  }
}
