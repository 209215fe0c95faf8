import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OidcTestUser {
  sub: string;
  email?: string;
  email_verified?: boolean;
}

/**
 * A small OpenID Connect provider for tests: discovery, an authorization endpoint that signs in
 * `nextUser` at once, a token endpoint that checks the client secret and PKCE, and RS256 ID
 * tokens. Loopback only.
 */
export class MiniOidcProvider {
  nextUser: OidcTestUser = { sub: 'u1', email: 'someone@example.fr', email_verified: true };
  private server?: http.Server;
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly codes = new Map<string, { user: OidcTestUser; nonce: string; challenge: string; redirectUri: string }>();
  issuer = '';

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
  ) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private idToken(user: OidcTestUser, nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'test-key' });
    const body = b64({ iss: this.issuer, aud: this.clientId, iat: now, exp: now + 300, nonce, ...user });
    const signature = sign('sha256', Buffer.from(`${head}.${body}`), this.keys.privateKey).toString('base64url');
    return `${head}.${body}.${signature}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      });
    }
    if (url.pathname === '/jwks') {
      return json(200, { keys: [{ ...this.keys.publicKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' }] });
    }
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      if (p.get('client_id') !== this.clientId || p.get('code_challenge_method') !== 'S256') return json(400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('hex');
      const redirectUri = p.get('redirect_uri') as string;
      this.codes.set(code, { user: this.nextUser, nonce: p.get('nonce') ?? '', challenge: p.get('code_challenge') ?? '', redirectUri });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', p.get('state') ?? '');
      res.writeHead(302, { location: back.href });
      return void res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const form = new URLSearchParams(raw);
      const expected = `Basic ${Buffer.from(`${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`).toString('base64')}`;
      const viaPost = form.get('client_id') === this.clientId && form.get('client_secret') === this.clientSecret;
      if (req.headers.authorization !== expected && !viaPost) return json(401, { error: 'invalid_client' });
      const grant = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!grant || grant.redirectUri !== form.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
        return json(400, { error: 'invalid_grant' });
      }
      return json(200, { access_token: randomBytes(16).toString('hex'), token_type: 'Bearer', expires_in: 300, id_token: this.idToken(grant.user, grant.nonce) });
    }
    json(404, { error: 'not_found' });
  }
}
