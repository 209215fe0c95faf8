import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { INestApplication } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { ClickHouseStore } from '@ent/clickhouse';
import { closeTestClickHouse, openTestClickHouse } from '../../../test/support/test-stores';
import { ClickHouseExceptionFilter } from './clickhouse-exception.filter';

@Resolver()
class ProbeResolver {
  constructor(private readonly clickhouse: ClickHouseStore) {}

  @Query(() => Number)
  async runaway(): Promise<number> {
    const rows = await this.clickhouse.query<{ s: number }>('SELECT sleep(2) AS s', { settings: { max_execution_time: 1 }, operation: 'runaway probe' });
    return rows[0].s;
  }

  @Query(() => Number)
  async broken(): Promise<number> {
    const rows = await this.clickhouse.query<{ n: number }>('SELECT count() AS n FROM no_such_table', { operation: 'broken probe' });
    return rows[0].n;
  }
}

describe('ClickHouse failures through GraphQL', () => {
  let app: INestApplication;
  let store: ClickHouseStore;
  let url: string;

  beforeAll(async () => {
    store = await openTestClickHouse();
    const moduleRef = await Test.createTestingModule({
      imports: [GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, autoSchemaFile: true, preserveHttpStatusForExecutionErrors: false })],
      providers: [ProbeResolver, { provide: ClickHouseStore, useValue: store }, { provide: APP_FILTER, useClass: ClickHouseExceptionFilter }],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/graphql`;
  });
  afterAll(async () => {
    await app?.close();
    await closeTestClickHouse(store);
  });

  const ask = async (query: string) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { data: unknown; errors: { message: string; extensions: { code: string } }[] } };
  };

  it('ends a runaway query with QUERY_TIMEOUT, never with empty data', async () => {
    const r = await ask('{ runaway }');
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('30');
    expect(r.body.data).toBeNull();
    expect(r.body.errors).toEqual([
      expect.objectContaining({
        message: 'The query took too long and was stopped: narrow the period or the territory, or try again later.',
        extensions: { code: 'QUERY_TIMEOUT' },
      }),
    ]);
  });

  it('answers STORE_UNAVAILABLE without SQL or internals for any other ClickHouse error', async () => {
    const r = await ask('{ broken }');
    expect(r.status).toBe(503);
    expect(r.body.errors[0]).toMatchObject({ message: 'The usage store could not answer this request; try again later.', extensions: { code: 'STORE_UNAVAILABLE' } });
    expect(JSON.stringify(r.body)).not.toMatch(/no_such_table|UNKNOWN_TABLE|SELECT/);
  });
});
