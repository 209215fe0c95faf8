import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig } from '@ent/config';
import type { ClickHouseStore } from '@ent/clickhouse';
import { ClickHouseMigrator } from '@ent/migrations';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { closeTestClickHouse, openTestClickHouse, RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { AuthService } from '../auth/auth.service';
import { createApp } from '../bootstrap';
import { openRelationalStore } from '../database/relational-data-source';
import { loadDemoCatalog } from './demo/load-demo-catalog';

// Real stores (PostgreSQL databases, an embedded ClickHouse) take seconds to create on a busy machine.
jest.setTimeout(30_000);

/** The catalog inside the whole product (AppModule through `createApp`), not only on its own. */
describe.each(RELATIONAL_TARGETS)('catalog in the product on $name', (target) => {
  let app: INestApplication;
  let clickhouse: ClickHouseStore;
  let cleanup: () => Promise<void>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-catalog-app-'));
    const created = await target.create();
    cleanup = created.cleanup;
    const relational = await openRelationalStore(created.config);
    await relational.runMigrations({ transaction: 'each' });
    await loadDemoCatalog(relational);
    clickhouse = await openTestClickHouse();
    await new ClickHouseMigrator(clickhouse).migrate();
    const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', DEMO: '0' }), relational: created.config };
    app = await createApp(config, { clickhouse, relational, release: () => undefined });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    await closeTestClickHouse(clickhouse);
    await cleanup?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const query = '{ territoryTree(root: { level: "region", code: "84" }) { name children { code name holidayZone } } establishments(filter: { territory: { level: "departement", code: "73" } }) { totalCount } }';

  it('refuses the catalog to a caller without a session', async () => {
    const res = await request(app.getHttpServer()).post('/graphql').send({ query });
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('serves the catalog queries from the product GraphQL endpoint to a signed-in user', async () => {
    const auth = app.get(AuthService);
    const user = await auth.createUser({ email: `admin-${target.name}@catalog.test`, displayName: 'Admin', role: 'admin', territories: [], password: 'a long enough password 1' });
    const session = await auth.openSession(user);
    const res = await request(app.getHttpServer()).post('/graphql').set('cookie', `ent_session=${session.token}`).send({ query });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      territoryTree: {
        name: 'Auvergne-Rhône-Alpes',
        children: [
          { code: '06', name: 'Clermont-Ferrand', holidayZone: 'A' },
          { code: '08', name: 'Grenoble', holidayZone: 'A' },
          { code: '10', name: 'Lyon', holidayZone: 'A' },
        ],
      },
      establishments: { totalCount: 18 },
    });
  });

  it('limits a signed-in councillor of Haute-Loire to Haute-Loire', async () => {
    const auth = app.get(AuthService);
    const user = await auth.createUser({
      email: `conseiller-43-${target.name}@catalog.test`,
      displayName: 'Conseiller 43',
      role: 'councillor',
      territories: [{ level: 'departement', code: '43' }],
      password: 'a long enough password 1',
    });
    const session = await auth.openSession(user);
    const ask = (q: string) => request(app.getHttpServer()).post('/graphql').set('cookie', `ent_session=${session.token}`).send({ query: q });
    expect((await ask('{ establishments { totalCount } }')).body.data).toEqual({ establishments: { totalCount: 12 } });
    const forbidden = await ask('{ establishment(uai: "0700785Y") { name } }');
    expect(forbidden.body.data ?? null).toBeNull();
    expect(forbidden.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
