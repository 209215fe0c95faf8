import * as path from 'node:path';
import { z } from 'zod';

interface VariableSpec {
  expected: string;
  schema: z.ZodType;
  /** Never echo the value in an error (it may hold credentials). */
  secret?: boolean;
}

/**
 * Every setting the product reads from the environment, with what a valid value looks like.
 * `expected` is what the one-line error says when a value is wrong.
 */
const VARIABLES = {
  PORT: { expected: 'an integer between 1 and 65535', schema: z.coerce.number().int().min(1).max(65535).default(3000) },
  HOST: { expected: 'a host name or IP address to listen on', schema: z.string().min(1).default('0.0.0.0') },
  DATA_DIR: { expected: 'a directory path', schema: z.string().min(1).default('./data') },
  NODE_ENV: {
    expected: 'one of development, production, test',
    schema: z.enum(['development', 'production', 'test']).default('development'),
  },
  LOG_LEVEL: {
    expected: 'one of fatal, error, warn, info, debug, trace, silent',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
  DATABASE_URL: {
    secret: true,
    expected: 'postgres://user:password@host:port/database or sqlite:<file path>',
    schema: z
      .string()
      .regex(/^(postgres(ql)?:\/\/.+|sqlite:.+)$/)
      .optional(),
  },
  CLICKHOUSE_URL: {
    secret: true,
    expected: 'an http:// or https:// URL of a ClickHouse server',
    schema: z
      .string()
      .regex(/^https?:\/\/[^\s/]+(\/.*)?$/)
      .optional(),
  },
  CLICKHOUSE_USER: { expected: 'a ClickHouse user name', schema: z.string().min(1).default('default') },
  CLICKHOUSE_PASSWORD: { secret: true, expected: 'a password', schema: z.string().default('') },
  CLICKHOUSE_DATABASE: {
    expected: 'a database name made of letters, digits and underscores',
    schema: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/)
      .default('ent'),
  },
  CLICKHOUSE_CLUSTER: {
    expected: 'a cluster name made of letters, digits, underscores and hyphens',
    schema: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,62}$/)
      .optional(),
  },
  CLICKHOUSE_PATH: { expected: 'a directory path for the embedded engine', schema: z.string().min(1).optional() },
  CLICKHOUSE_MAX_EXECUTION_TIME: {
    expected: 'a number of seconds between 1 and 3600',
    schema: z.coerce.number().int().min(1).max(3600).default(10),
  },
  CLICKHOUSE_REQUEST_TIMEOUT_MS: {
    expected: 'a number of milliseconds between 1000 and 600000',
    schema: z.coerce.number().int().min(1000).max(600000).default(30000),
  },
  ADMIN_EMAIL: { expected: 'an e-mail address for the first administrator', schema: z.string().email().optional() },
  ADMIN_PASSWORD: {
    secret: true,
    expected: 'a password of at least 12 characters for the first administrator',
    schema: z.string().min(12).optional(),
  },
  OIDC_ISSUER: {
    expected: 'the https:// URL of an OpenID Connect issuer (http:// only on localhost)',
    schema: z
      .string()
      .regex(/^(https:\/\/\S+|http:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/\S*)?)$/)
      .optional(),
  },
  OIDC_CLIENT_ID: { expected: 'the client id registered at the OpenID Connect issuer', schema: z.string().min(1).optional() },
  OIDC_CLIENT_SECRET: { secret: true, expected: 'the client secret registered at the issuer', schema: z.string().min(1).optional() },
  OIDC_REDIRECT_URL: {
    expected: 'the public URL of /auth/oidc/callback registered at the issuer',
    schema: z.string().regex(/^https?:\/\/\S+\/auth\/oidc\/callback$/).optional(),
  },
  SESSION_IDLE_MINUTES: {
    expected: 'a number of minutes between 5 and 1440',
    schema: z.coerce.number().int().min(5).max(1440).default(120),
  },
  SESSION_MAX_HOURS: { expected: 'a number of hours between 1 and 168', schema: z.coerce.number().int().min(1).max(168).default(12) },
  COOKIE_SECURE: {
    expected: 'auto (secure cookies over HTTPS), 1 or 0',
    schema: z.enum(['auto', '0', '1']).default('auto'),
  },
  API_RATE_LIMIT_PER_10S: {
    expected: 'a number of requests between 1 and 100000',
    schema: z.coerce.number().int().min(1).max(100_000).default(20),
  },
  API_RATE_LIMIT_PER_MINUTE: {
    expected: 'a number of requests between 1 and 1000000',
    schema: z.coerce.number().int().min(1).max(1_000_000).default(300),
  },
  AUDIT_RETENTION_MONTHS: {
    expected: 'a number of months between 6 and 36',
    schema: z.coerce.number().int().min(6).max(36).default(12),
  },
  DEMO: {
    expected: '1 (load the demo territory when the stores are empty) or 0',
    schema: z.enum(['0', '1']).default('1'),
  },
  WEB_DIST: { expected: 'the directory of the built web application', schema: z.string().min(1).optional() },
  INGEST_HMAC_KEY: {
    secret: true,
    expected: 'at least 64 hexadecimal characters (a 256-bit key)',
    schema: z
      .string()
      .regex(/^[0-9a-fA-F]{64,}$/)
      .optional(),
  },
  INGEST_MAX_BODY_BYTES: {
    expected: 'a number of bytes between 1024 and 104857600',
    schema: z.coerce.number().int().min(1024).max(104857600).default(5 * 1024 * 1024),
  },
  CATALOG_UPLOAD_MAX_BYTES: {
    expected: 'a number of bytes between 1024 and 2147483648',
    schema: z.coerce.number().int().min(1024).max(2_147_483_648).default(200 * 1024 * 1024),
  },
  INGEST_MAX_EVENTS_PER_REQUEST: {
    expected: 'an integer between 1 and 100000',
    schema: z.coerce.number().int().min(1).max(100000).default(10000),
  },
  INGEST_RETENTION_MONTHS: {
    expected: 'a number of months between 1 and 120',
    schema: z.coerce.number().int().min(1).max(120).default(13),
  },
  ROLLUP_RETENTION_MONTHS: {
    expected: 'a number of months between 13 and 120',
    schema: z.coerce.number().int().min(13).max(120).default(25),
  },
  ANALYTICS_TODAY_LAG_SECONDS: {
    expected: 'a number of seconds between 0 and 3600 (how long a cached answer covering today may lag the events received today)',
    schema: z.coerce.number().int().min(0).max(3600).default(0),
  },
  ANALYTICS_FINALIZE_SECONDS: {
    expected: 'a number of seconds between 0 and 86400 (period of the finalization of the rollups of past days; 0: none)',
    schema: z.coerce.number().int().min(0).max(86400).default(60),
  },
  ANALYTICS_REFRESH_SECONDS: {
    expected: 'a number of seconds between 0 and 3600 (period of the background refresh of stale cached answers; 0: none)',
    schema: z.coerce.number().int().min(0).max(3600).default(60),
  },
  ANALYTICS_MAX_COST: {
    expected: 'an integer between 100 and 100000000 (analytics cells, buckets × breakdown cells, one GraphQL operation may ask for)',
    schema: z.coerce.number().int().min(100).max(100_000_000).default(100_000),
  },
  ANALYTICS_MAX_CONCURRENT_PER_USER: {
    expected: 'an integer between 1 and 100 (analytics queries of one user computed at once)',
    schema: z.coerce.number().int().min(1).max(100).default(2),
  },
  ANALYTICS_MAX_CONCURRENT: {
    expected: 'an integer between 1 and 1000 (analytics queries computed at once, all users together)',
    schema: z.coerce.number().int().min(1).max(1000).default(4),
  },
  ANALYTICS_MAX_QUEUED_PER_USER: {
    expected: 'an integer between 0 and 1000 (analytics queries of one user waiting for their turn before RATE_LIMITED)',
    schema: z.coerce.number().int().min(0).max(1000).default(16),
  },
  SECRECY_MIN_COUNT: {
    expected: 'an integer between 2 and 100 (smallest published count of people)',
    schema: z.coerce.number().int().min(2).max(100).default(11),
  },
  SECRECY_MIN_DENOMINATOR: {
    expected: 'an integer between 2 and 1000 (smallest denominator of a published rate)',
    schema: z.coerce.number().int().min(2).max(1000).default(20),
  },
  INGEST_BUFFER_MAX_EVENTS: {
    expected: 'an integer between 1000 and 10000000',
    schema: z.coerce.number().int().min(1000).max(10000000).default(200000),
  },
  INGEST_BATCH_MAX_ROWS: {
    expected: 'an integer between 1 and 1000000',
    schema: z.coerce.number().int().min(1).max(1000000).default(10000),
  },
  INGEST_FLUSH_INTERVAL_MS: {
    expected: 'a number of milliseconds between 10 and 60000',
    schema: z.coerce.number().int().min(10).max(60000).default(1000),
  },
  INGEST_RATE_LIMIT_PER_SECOND: {
    expected: 'a number of requests between 1 and 100000',
    schema: z.coerce.number().int().min(1).max(100_000).default(50),
  },
} as const satisfies Record<string, VariableSpec>;

type Variables = typeof VARIABLES;
export type EnvName = keyof Variables;
type Parsed = { [K in EnvName]: z.output<Variables[K]['schema']> };

export interface ClickHouseConfig {
  /** `embedded` = chDB in this process; `server` = a ClickHouse server over HTTP. */
  transport: 'embedded' | 'server';
  /** Directory of the embedded engine (transport `embedded`). */
  path: string;
  url?: string;
  user: string;
  password: string;
  database: string;
  cluster?: string;
  maxExecutionTimeSeconds: number;
  requestTimeoutMs: number;
}

export interface IngestConfig {
  /** HMAC key (hex) from INGEST_HMAC_KEY; when absent, `hmacKeyFile` is used (created at first start). */
  hmacKey?: string;
  /** Key file of the embedded default, in DATA_DIR and never inside a database. */
  hmacKeyFile: string;
  maxBodyBytes: number;
  maxEventsPerRequest: number;
  /** Raw events are kept this many months (events table TTL; older events are rejected). */
  retentionMonths: number;
  /** Events waiting for ClickHouse beyond which senders get 429/503 with Retry-After. */
  bufferMaxEvents: number;
  batchMaxRows: number;
  flushIntervalMs: number;
  /** Requests per second and per API key. */
  rateLimitPerSecond: number;
}

export interface AnalyticsConfig {
  /** Rollups are kept this many months (DOMAIN: aggregates longer than raw events, 25 by default). */
  rollupRetentionMonths: number;
  /** Statistical secrecy: counts of people below `minCount` and rates on fewer than `minDenominator` are not published. */
  secrecy: { minCount: number; minDenominator: number };
  /** Analytics answers kept while their events do not change (api/src/analytics/result-cache). */
  resultCache: { todayLagSeconds: number; refreshSeconds: number };
  /** Period of the finalization of the rollups of past days (api/src/analytics/finalization); 0: none. */
  finalizeSeconds: number;
  /** What analytics may cost (api/src/analytics/cost): per GraphQL operation, and queries computed at once. */
  limits: AnalyticsLimits;
}

export interface AnalyticsLimits {
  /** Most analytics cells (buckets × expected breakdown cells, summed over the fields) of one GraphQL operation. */
  maxCostPerRequest: number;
  /** Analytics queries of one user computed at once; the next ones wait in the queue. */
  maxConcurrentPerUser: number;
  /** Analytics queries computed at once, all users together. */
  maxConcurrent: number;
  /** Queries of one user waiting for their turn; one more is refused RATE_LIMITED. */
  maxQueuedPerUser: number;
}

export type RelationalConfig =
  | { type: 'sqlite'; file: string }
  | { type: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  clickhouse: ClickHouseConfig;
  relational: RelationalConfig;
  webDist: string;
  /** Load the demo territory at start when the stores are empty. */
  demo: boolean;
  analytics: AnalyticsConfig;
  auth: AuthConfig;
  ingest: IngestConfig;
  catalog: CatalogConfig;
}

export interface CatalogConfig {
  /** Largest file accepted by the upload route `POST /catalog/imports/:kind` (413 above). */
  uploadMaxBytes: number;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

export interface AuthConfig {
  /** Single sign-on, when OIDC_ISSUER is set. */
  oidc?: OidcConfig;
  /** First administrator, created at first start when no administrator exists. */
  adminEmail?: string;
  adminPassword?: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  cookieSecure: 'auto' | boolean;
  auditRetentionMonths: number;
  /** Requests per signed-in user (per address before sign-in). */
  rateLimitPer10s: number;
  rateLimitPerMinute: number;
}

/** A configuration value is wrong: the message is one line naming the variable and what is expected. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly received: string | undefined,
    secret = false,
  ) {
    const got = received === undefined ? 'nothing' : secret ? 'a value not shown here' : JSON.stringify(received);
    super(`Invalid configuration: ${variable} must be ${expected} (got ${got})`);
    this.name = 'ConfigError';
  }
}

/** The repository root, where `./data` and `web/dist` are resolved from by default. */
export const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

/**
 * Reads and validates the environment. Empty strings count as unset, as shells and .env files
 * commonly leave them. Relative paths are resolved against `cwd`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): AppConfig {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(VARIABLES)) {
    const value = env[name];
    raw[name] = value === undefined || value.trim() === '' ? undefined : value.trim();
  }
  const parsed = {} as Record<string, unknown>;
  for (const [name, spec] of Object.entries(VARIABLES) as [EnvName, VariableSpec][]) {
    const result = spec.schema.safeParse(raw[name]);
    if (!result.success) throw new ConfigError(name, spec.expected, raw[name], spec.secret === true);
    parsed[name] = result.data;
  }
  const p = parsed as Parsed;

  const dataDir = path.resolve(cwd, p.DATA_DIR);
  const clickhouse: ClickHouseConfig = {
    transport: p.CLICKHOUSE_URL ? 'server' : 'embedded',
    path: path.resolve(cwd, p.CLICKHOUSE_PATH ?? path.join(dataDir, 'clickhouse')),
    url: p.CLICKHOUSE_URL,
    user: p.CLICKHOUSE_USER,
    password: p.CLICKHOUSE_PASSWORD,
    database: p.CLICKHOUSE_DATABASE,
    cluster: p.CLICKHOUSE_CLUSTER,
    maxExecutionTimeSeconds: p.CLICKHOUSE_MAX_EXECUTION_TIME,
    requestTimeoutMs: p.CLICKHOUSE_REQUEST_TIMEOUT_MS,
  };
  if (clickhouse.cluster && clickhouse.transport === 'embedded') {
    throw new ConfigError(
      'CLICKHOUSE_CLUSTER',
      'used only with CLICKHOUSE_URL (the embedded engine is a single node)',
      p.CLICKHOUSE_CLUSTER,
    );
  }

  const relational: RelationalConfig = !p.DATABASE_URL
    ? { type: 'sqlite', file: path.join(dataDir, 'catalog.sqlite') }
    : p.DATABASE_URL.startsWith('sqlite:')
      ? { type: 'sqlite', file: path.resolve(cwd, p.DATABASE_URL.slice('sqlite:'.length)) }
      : { type: 'postgres', url: p.DATABASE_URL };

  return {
    port: p.PORT,
    host: p.HOST,
    dataDir,
    nodeEnv: p.NODE_ENV,
    logLevel: p.LOG_LEVEL,
    clickhouse,
    relational,
    webDist: path.resolve(cwd, p.WEB_DIST ?? path.join(WORKSPACE_ROOT, 'web/dist')),
    demo: p.DEMO === '1',
    analytics: {
      rollupRetentionMonths: p.ROLLUP_RETENTION_MONTHS,
      secrecy: { minCount: p.SECRECY_MIN_COUNT, minDenominator: p.SECRECY_MIN_DENOMINATOR },
      resultCache: { todayLagSeconds: p.ANALYTICS_TODAY_LAG_SECONDS, refreshSeconds: p.ANALYTICS_REFRESH_SECONDS },
      finalizeSeconds: p.ANALYTICS_FINALIZE_SECONDS,
      limits: {
        maxCostPerRequest: p.ANALYTICS_MAX_COST,
        maxConcurrentPerUser: p.ANALYTICS_MAX_CONCURRENT_PER_USER,
        maxConcurrent: p.ANALYTICS_MAX_CONCURRENT,
        maxQueuedPerUser: p.ANALYTICS_MAX_QUEUED_PER_USER,
      },
    },
    auth: {
      oidc: oidcConfig(p),
      adminEmail: p.ADMIN_EMAIL,
      adminPassword: p.ADMIN_PASSWORD,
      sessionIdleMinutes: p.SESSION_IDLE_MINUTES,
      sessionMaxHours: p.SESSION_MAX_HOURS,
      cookieSecure: p.COOKIE_SECURE === 'auto' ? 'auto' : p.COOKIE_SECURE === '1',
      auditRetentionMonths: p.AUDIT_RETENTION_MONTHS,
      rateLimitPer10s: p.API_RATE_LIMIT_PER_10S,
      rateLimitPerMinute: p.API_RATE_LIMIT_PER_MINUTE,
    },
    ingest: {
      hmacKey: p.INGEST_HMAC_KEY?.toLowerCase(),
      hmacKeyFile: path.join(dataDir, 'ingest-hmac.key'),
      maxBodyBytes: p.INGEST_MAX_BODY_BYTES,
      maxEventsPerRequest: p.INGEST_MAX_EVENTS_PER_REQUEST,
      retentionMonths: p.INGEST_RETENTION_MONTHS,
      bufferMaxEvents: p.INGEST_BUFFER_MAX_EVENTS,
      batchMaxRows: p.INGEST_BATCH_MAX_ROWS,
      flushIntervalMs: p.INGEST_FLUSH_INTERVAL_MS,
      rateLimitPerSecond: p.INGEST_RATE_LIMIT_PER_SECOND,
    },
    catalog: { uploadMaxBytes: p.CATALOG_UPLOAD_MAX_BYTES },
  };
}

function oidcConfig(p: Parsed): OidcConfig | undefined {
  if (!p.OIDC_ISSUER) return undefined;
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
    if (!p[name]) throw new ConfigError(name, `set when OIDC_ISSUER is set (${VARIABLES[name].expected})`, undefined);
  }
  return {
    issuer: p.OIDC_ISSUER,
    clientId: p.OIDC_CLIENT_ID as string,
    clientSecret: p.OIDC_CLIENT_SECRET as string,
    redirectUrl: p.OIDC_REDIRECT_URL ?? `http://localhost:${p.PORT}/auth/oidc/callback`,
  };
}
