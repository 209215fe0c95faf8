import type { ClickHouseMigration } from './clickhouse-migration-files';

/**
 * Renders the single-node migrations for a ClickHouse cluster. Every MergeTree-family table
 * becomes `<name>_local` (Replicated…MergeTree on every node, ON CLUSTER) plus `<name>`, a
 * Distributed table over it, so queries and inserts keep using the same table names.
 *
 * Only the statement forms our migrations use are supported; anything else is refused with the
 * migration's name, so a new form gets a rendering rule before it can ship.
 */
export class ClusterRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClusterRenderError';
  }
}

const IDENT = '`?([A-Za-z_][A-Za-z0-9_]*)`?';
const CREATE_TABLE = new RegExp(`^CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${IDENT}\\s*\\(`, 'i');
const ENGINE = /ENGINE\s*=\s*(\w*)MergeTree\s*(?:\(([^()]*)\))?/i;
const CREATE_MV = new RegExp(
  `^CREATE\\s+MATERIALIZED\\s+VIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${IDENT}\\s+TO\\s+${IDENT}\\s+`,
  'i',
);
const ALTER_TABLE = new RegExp(`^ALTER\\s+TABLE\\s+${IDENT}\\s+`, 'i');
const DROP = new RegExp(`^DROP\\s+(TABLE|VIEW)\\s+(IF\\s+EXISTS\\s+)?${IDENT}\\s*$`, 'i');
const COLUMN_ALTER = /^\s*(ADD|DROP|MODIFY|RENAME|COMMENT)\s+COLUMN\b/i;

export interface RenderContext {
  cluster: string;
  /** Tables created by earlier migrations (sharded: `<name>_local` + Distributed `<name>`). */
  shardedTables: Set<string>;
}

function quote(name: string): string {
  return `\`${name}\``;
}

/** Rewrites `FROM x` / `JOIN x` of sharded tables to their local tables (views run per node). */
function localiseSources(sql: string, ctx: RenderContext): string {
  return sql.replace(new RegExp(`\\b(FROM|JOIN)\\s+${IDENT}`, 'gi'), (whole, kw: string, name: string) =>
    ctx.shardedTables.has(name) ? `${kw} ${quote(`${name}_local`)}` : whole,
  );
}

export function renderForCluster(migration: ClickHouseMigration, ctx: RenderContext): string[] {
  const sql = migration.statement;
  const on = `ON CLUSTER ${quote(ctx.cluster)}`;

  let m = CREATE_TABLE.exec(sql);
  if (m) {
    const ifNotExists = m[1] ? 'IF NOT EXISTS ' : '';
    const name = m[2];
    const engine = ENGINE.exec(sql);
    if (!engine) {
      throw new ClusterRenderError(`migration ${migration.name}: only MergeTree-family tables can be rendered for a cluster`);
    }
    const local = `${name}_local`;
    const zkPath = `'/clickhouse/tables/{shard}/{database}/${local}'`;
    const args = [zkPath, "'{replica}'", ...(engine[2]?.trim() ? [engine[2].trim()] : [])].join(', ');
    const body = sql.slice(m[0].length - 1); // from the opening parenthesis
    const localSql =
      `CREATE TABLE ${ifNotExists}${quote(local)} ${on} ` +
      body.replace(ENGINE, `ENGINE = Replicated${engine[1]}MergeTree(${args})`);
    const shardingKey = migration.directives.sharding_key ?? 'rand()';
    const distributedSql =
      `CREATE TABLE ${ifNotExists}${quote(name)} ${on} AS ${quote(local)} ` +
      `ENGINE = Distributed(${quote(ctx.cluster)}, currentDatabase(), ${quote(local)}, ${shardingKey})`;
    ctx.shardedTables.add(name);
    return [localSql, distributedSql];
  }

  m = CREATE_MV.exec(sql);
  if (m) {
    const [, ifNotExists, name, target] = m;
    const rest = sql.slice(m[0].length);
    const to = ctx.shardedTables.has(target) ? `${target}_local` : target;
    return [
      `CREATE MATERIALIZED VIEW ${ifNotExists ? 'IF NOT EXISTS ' : ''}${quote(name)} ${on} TO ${quote(to)} ${localiseSources(rest, ctx)}`,
    ];
  }

  m = ALTER_TABLE.exec(sql);
  if (m) {
    const name = m[1];
    const rest = sql.slice(m[0].length);
    if (!ctx.shardedTables.has(name)) return [`ALTER TABLE ${quote(name)} ${on} ${rest}`];
    const statements = [`ALTER TABLE ${quote(`${name}_local`)} ${on} ${rest}`];
    // The Distributed table mirrors the columns of its local table; TTL and settings stay local.
    if (COLUMN_ALTER.test(rest)) statements.push(`ALTER TABLE ${quote(name)} ${on} ${rest}`);
    return statements;
  }

  m = DROP.exec(sql);
  if (m) {
    const [, kind, ifExists, name] = m;
    const ie = ifExists ? 'IF EXISTS ' : '';
    if (kind.toUpperCase() === 'TABLE' && ctx.shardedTables.has(name)) {
      ctx.shardedTables.delete(name);
      return [`DROP TABLE ${ie}${quote(name)} ${on} SYNC`, `DROP TABLE ${ie}${quote(`${name}_local`)} ${on} SYNC`];
    }
    return [`DROP ${kind.toUpperCase()} ${ie}${quote(name)} ${on} SYNC`];
  }

  throw new ClusterRenderError(
    `migration ${migration.name}: no cluster rendering rule for this statement (supported: CREATE TABLE … ENGINE = *MergeTree, CREATE MATERIALIZED VIEW … TO, ALTER TABLE, DROP TABLE/VIEW)`,
  );
}

/** Renders a whole ordered set, tracking which tables are sharded as it goes. */
export function renderAllForCluster(migrations: readonly ClickHouseMigration[], cluster: string): Map<string, string[]> {
  const ctx: RenderContext = { cluster, shardedTables: new Set() };
  return new Map(migrations.map((m) => [m.name, renderForCluster(m, ctx)]));
}
