import * as path from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const cwd = '/srv/ent';

describe('loadConfig', () => {
  it('uses the embedded defaults when nothing is set', () => {
    const c = loadConfig({}, cwd);
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('/srv/ent/data');
    expect(c.clickhouse).toEqual({
      transport: 'embedded',
      path: '/srv/ent/data/clickhouse',
      url: undefined,
      user: 'default',
      password: '',
      database: 'ent',
      cluster: undefined,
      maxExecutionTimeSeconds: 10,
      requestTimeoutMs: 30000,
    });
    expect(c.relational).toEqual({ type: 'sqlite', file: '/srv/ent/data/catalog.sqlite' });
  });

  it('keeps every local file of the embedded default under DATA_DIR', () => {
    const c = loadConfig({ DATA_DIR: 'var/obs' }, cwd);
    expect(c.dataDir).toBe('/srv/ent/var/obs');
    expect(c.clickhouse.path).toBe('/srv/ent/var/obs/clickhouse');
    expect(c.relational).toEqual({ type: 'sqlite', file: '/srv/ent/var/obs/catalog.sqlite' });
  });

  it('selects the server transport and PostgreSQL from their URLs', () => {
    const c = loadConfig(
      {
        CLICKHOUSE_URL: 'https://ch.example.org:8443',
        CLICKHOUSE_USER: 'obs',
        CLICKHOUSE_PASSWORD: 's3cret',
        CLICKHOUSE_DATABASE: 'ent_prod',
        CLICKHOUSE_CLUSTER: 'ent-cluster',
        DATABASE_URL: 'postgres://obs:pw@db:5432/ent',
      },
      cwd,
    );
    expect(c.clickhouse.transport).toBe('server');
    expect(c.clickhouse.url).toBe('https://ch.example.org:8443');
    expect(c.clickhouse.user).toBe('obs');
    expect(c.clickhouse.password).toBe('s3cret');
    expect(c.clickhouse.database).toBe('ent_prod');
    expect(c.clickhouse.cluster).toBe('ent-cluster');
    expect(c.relational).toEqual({ type: 'postgres', url: 'postgres://obs:pw@db:5432/ent' });
  });

  it('reads the ingestion settings, with the HMAC key file under DATA_DIR by default', () => {
    expect(loadConfig({}, cwd).ingest).toEqual({
      hmacKey: undefined,
      hmacKeyFile: '/srv/ent/data/ingest-hmac.key',
      maxBodyBytes: 5242880,
      maxEventsPerRequest: 10000,
      retentionMonths: 13,
      bufferMaxEvents: 200000,
      batchMaxRows: 10000,
      flushIntervalMs: 1000,
      rateLimitPerSecond: 50,
    });
    const key = 'AB'.repeat(32);
    const c = loadConfig({ INGEST_HMAC_KEY: key, INGEST_RETENTION_MONTHS: '25', INGEST_MAX_EVENTS_PER_REQUEST: '500' }, cwd);
    expect(c.ingest).toMatchObject({ hmacKey: key.toLowerCase(), retentionMonths: 25, maxEventsPerRequest: 500 });
  });

  it('reads the largest catalog upload, 200 MB by default', () => {
    expect(loadConfig({}, cwd).catalog).toEqual({ uploadMaxBytes: 209715200 });
    expect(loadConfig({ CATALOG_UPLOAD_MAX_BYTES: '1048576' }, cwd).catalog).toEqual({ uploadMaxBytes: 1048576 });
    expect(() => loadConfig({ CATALOG_UPLOAD_MAX_BYTES: '12' }, cwd)).toThrow('CATALOG_UPLOAD_MAX_BYTES must be a number of bytes between 1024 and 2147483648');
  });

  it('refuses a short HMAC key without echoing it', () => {
    expect(() => loadConfig({ INGEST_HMAC_KEY: 'abcd' }, cwd)).toThrow(
      'Invalid configuration: INGEST_HMAC_KEY must be at least 64 hexadecimal characters (a 256-bit key) (got a value not shown here)',
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '  ' }, cwd).port).toBe(3000);
  });

  it('accepts an explicit SQLite file', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:cat.db' }, cwd).relational).toEqual({
      type: 'sqlite',
      file: path.join(cwd, 'cat.db'),
    });
  });

  it.each([
    ['PORT', 'abc', 'Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")'],
    ['PORT', '70000', 'Invalid configuration: PORT must be an integer between 1 and 65535 (got "70000")'],
    ['PORT', '3000.5', 'Invalid configuration: PORT must be an integer between 1 and 65535 (got "3000.5")'],
    ['LOG_LEVEL', 'loud', 'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    ['NODE_ENV', 'prod', 'Invalid configuration: NODE_ENV must be one of development, production, test (got "prod")'],
    [
      'CLICKHOUSE_DATABASE',
      'ent;drop',
      'Invalid configuration: CLICKHOUSE_DATABASE must be a database name made of letters, digits and underscores (got "ent;drop")',
    ],
    [
      'CLICKHOUSE_MAX_EXECUTION_TIME',
      '0',
      'Invalid configuration: CLICKHOUSE_MAX_EXECUTION_TIME must be a number of seconds between 1 and 3600 (got "0")',
    ],
  ])('refuses %s=%s with one line naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value }, cwd)).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value }, cwd);
    } catch (err) {
      expect((err as Error).message).toBe(message);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('never echoes a value that may hold credentials', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://root:topsecret@db/ent' }, cwd)).toThrow(
      'Invalid configuration: DATABASE_URL must be postgres://user:password@host:port/database or sqlite:<file path> (got a value not shown here)',
    );
    expect(() => loadConfig({ CLICKHOUSE_URL: 'ftp://u:topsecret@ch' }, cwd)).toThrow(/got a value not shown here/);
  });

  it('has the analytics defaults the README lists, and refuses a finalization period out of range', () => {
    expect(loadConfig({}, cwd).analytics).toEqual({
      rollupRetentionMonths: 25,
      secrecy: { minCount: 11, minDenominator: 20 },
      resultCache: { todayLagSeconds: 0, refreshSeconds: 60 },
      finalizeSeconds: 60,
      limits: { maxCostPerRequest: 100_000, maxConcurrentPerUser: 2, maxConcurrent: 4, maxQueuedPerUser: 16 },
    });
    expect(() => loadConfig({ ANALYTICS_MAX_CONCURRENT_PER_USER: '0' }, cwd)).toThrow(
      'Invalid configuration: ANALYTICS_MAX_CONCURRENT_PER_USER must be an integer between 1 and 100 (analytics queries of one user computed at once) (got "0")',
    );
    expect(loadConfig({ ANALYTICS_FINALIZE_SECONDS: '0' }, cwd).analytics.finalizeSeconds).toBe(0);
    expect(() => loadConfig({ ANALYTICS_FINALIZE_SECONDS: '-5' }, cwd)).toThrow(
      'Invalid configuration: ANALYTICS_FINALIZE_SECONDS must be a number of seconds between 0 and 86400 (period of the finalization of the rollups of past days; 0: none) (got "-5")',
    );
  });

  it('refuses a cluster name without a ClickHouse server', () => {
    expect(() => loadConfig({ CLICKHOUSE_CLUSTER: 'c1' }, cwd)).toThrow(
      'Invalid configuration: CLICKHOUSE_CLUSTER must be used only with CLICKHOUSE_URL (the embedded engine is a single node) (got "c1")',
    );
  });
});

describe('accounts and access configuration', () => {
  it('has the defaults the README lists', () => {
    const { oidc: _oidc, ...auth } = loadConfig({}, cwd).auth;
    expect(auth).toEqual({
      adminEmail: undefined,
      adminPassword: undefined,
      sessionIdleMinutes: 120,
      sessionMaxHours: 12,
      cookieSecure: 'auto',
      auditRetentionMonths: 12,
      rateLimitPer10s: 20,
      rateLimitPerMinute: 300,
    });
  });

  it('refuses a first administrator password shorter than 12 characters without echoing it', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' }, cwd)).toThrow(
      'Invalid configuration: ADMIN_PASSWORD must be a password of at least 12 characters for the first administrator (got a value not shown here)',
    );
  });
});

describe('single sign-on configuration', () => {
  it('is off unless OIDC_ISSUER is set, and then needs a client id and secret', () => {
    expect(loadConfig({}, cwd).auth.oidc).toBeUndefined();
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.ac-besancon.fr/realms/ent' }, cwd)).toThrow(
      'Invalid configuration: OIDC_CLIENT_ID must be set when OIDC_ISSUER is set (the client id registered at the OpenID Connect issuer) (got nothing)',
    );
    expect(
      loadConfig({ OIDC_ISSUER: 'https://idp.ac-besancon.fr/realms/ent', OIDC_CLIENT_ID: 'observatoire', OIDC_CLIENT_SECRET: 's', PORT: '8080' }, cwd).auth.oidc,
    ).toEqual({
      issuer: 'https://idp.ac-besancon.fr/realms/ent',
      clientId: 'observatoire',
      clientSecret: 's',
      redirectUrl: 'http://localhost:8080/auth/oidc/callback',
    });
  });

  it('refuses a plain-http issuer that is not on this machine', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'http://idp.example.org' }, cwd)).toThrow(/^Invalid configuration: OIDC_ISSUER must be/);
  });
});
