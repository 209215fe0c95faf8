/**
 * For the command-line tools that change the stores: find the product running on this data
 * directory, and talk to its API as an administrator.
 *
 * Authentication: a temporary administrator session opened directly in the relational store and
 * closed at the end (the same local trust as `rollups:backfill` and `ingest`: whoever can read the
 * configuration and write the store can do anything the API would let them do). No token is
 * written to disk, so none can leak or outlive the command.
 */
import { readEmbeddedLock } from '@ent/clickhouse';
import type { AppConfig } from '@ent/config';
import { IsNull } from 'typeorm';
import { AuthService } from '../auth.service';
import { AppUserEntity } from '../entities/app-user.entity';
import { UserSessionEntity } from '../entities/user-session.entity';
import { openMigratedRelationalStore } from '../../ingestion/cli/local-stores';

export interface RunningProduct {
  pid: number;
  url: string;
}

/** The product holding the embedded ClickHouse of this configuration with its HTTP port open, if any. */
export function runningProduct(config: AppConfig): RunningProduct | undefined {
  const holder = config.clickhouse.transport === 'embedded' ? readEmbeddedLock(config.clickhouse.path) : undefined;
  return holder?.port ? { pid: holder.pid, url: `http://127.0.0.1:${holder.port}` } : undefined;
}

/** A refusal to print as it is (no stack trace), exit code 1. */
export class ProductApiError extends Error {}

export interface AdminClient {
  /** Headers of a signed-in administrator's request that changes data (session cookie and CSRF token). */
  headers: Record<string, string>;
  /** A GraphQL operation; its first error becomes a `ProductApiError`. */
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** Runs `work` with a temporary session of the first administrator who may act, closed afterwards. */
export async function asLocalAdministrator<T>(config: AppConfig, product: RunningProduct, work: (client: AdminClient) => Promise<T>): Promise<T> {
  const relational = await openMigratedRelationalStore(config);
  try {
    // An administrator who may act now (one still holding a one-time password may not).
    const admin = await relational.getRepository(AppUserEntity).findOne({ where: { role: 'admin', mustChangePassword: false, disabledAt: IsNull() }, order: { createdAt: 'ASC' } });
    if (!admin) {
      throw new ProductApiError('No administrator account can act yet (sign in once and change the one-time password), or stop the product and run this again.');
    }
    const auth = new AuthService(relational.getRepository(AppUserEntity), relational.getRepository(UserSessionEntity), config);
    const session = await auth.openSession(admin);
    const headers = { cookie: `ent_session=${session.token}; ent_csrf=${session.csrfToken}`, 'x-csrf-token': session.csrfToken };
    try {
      return await work({
        headers,
        async graphql<R>(query: string, variables?: Record<string, unknown>): Promise<R> {
          const response = await fetch(`${product.url}/graphql`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
          const body = (await response.json()) as { data?: R; errors?: { message: string }[] };
          if (body.errors?.length) throw new ProductApiError(body.errors[0].message);
          return body.data as R;
        },
      });
    } finally {
      await auth.logout(session.user.sessionId);
    }
  } finally {
    await relational.destroy();
  }
}
