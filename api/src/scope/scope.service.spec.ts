import { DEMO_ESTABLISHMENTS } from '@ent/demo';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { openCatalogTestStore } from '../catalog/catalog-test-support';
import { loadDemoCatalog } from '../catalog/demo/load-demo-catalog';
import type { ScopeService } from './scope.service';
import { NATIONAL_SCOPE, scopeOfTerritories } from './territorial-scope';

// Real stores (PostgreSQL databases, an embedded ClickHouse) take seconds to create on a busy machine.
jest.setTimeout(30_000);

describe.each(RELATIONAL_TARGETS)('ScopeService on $name', (target) => {
  let scopes: ScopeService;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const store = await openCatalogTestStore(target);
    ({ scopeService: scopes, close } = store);
    await loadDemoCatalog(store.dataSource, new Date('2026-11-23T10:00:00Z'));
  });
  afterAll(async () => close?.());

  const uaisOf = (departement: string) => DEMO_ESTABLISHMENTS.filter((e) => e.departement === departement).map((e) => e.uai).sort();

  it('resolves a scope to the UAIs it covers, for analytics filters', async () => {
    expect(await scopes.uaisInScope(NATIONAL_SCOPE)).toEqual({ all: true });
    expect(await scopes.uaisInScope(scopeOfTerritories([{ level: 'departement', code: '43' }]))).toEqual({ all: false, uais: uaisOf('43') });
    expect(await scopes.uaisInScope(scopeOfTerritories([{ level: 'academie', code: '08' }]))).toEqual({ all: false, uais: uaisOf('73') });
    expect(await scopes.uaisInScope(scopeOfTerritories([{ level: 'region', code: '84' }]))).toEqual({ all: false, uais: [...uaisOf('43'), ...uaisOf('73')].sort() });
    expect(await scopes.uaisInScope(scopeOfTerritories([{ level: 'commune', code: '70279' }, { level: 'etablissement', code: '0430002u' }]))).toEqual({
      all: false,
      uais: ['0430002U', '0702102E', '0702113S'],
    });
  });

  it('covers nothing with an empty list of territories', async () => {
    expect(await scopes.uaisInScope(scopeOfTerritories([]))).toEqual({ all: false, uais: [] });
    expect(await scopes.covers(scopeOfTerritories([]), { level: 'departement', code: '70' })).toBe(false);
  });

  it('decides whether a territory lies inside a scope through the territories containing it', async () => {
    const besancon = scopeOfTerritories([{ level: 'academie', code: '03' }]);
    expect(await scopes.covers(besancon, { level: 'commune', code: '70279' })).toBe(true);
    expect(await scopes.covers(besancon, { level: 'etablissement', code: '0702102E' })).toBe(true);
    expect(await scopes.covers(besancon, { level: 'region', code: '27' })).toBe(false);
    expect(await scopes.covers(besancon, { level: 'national', code: 'FR' })).toBe(false);
    expect(await scopes.covers(besancon, { level: 'etablissement', code: '0430002U' })).toBe(false);
    expect(await scopes.chainOf({ level: 'commune', code: '70279' })).toEqual([
      { level: 'commune', code: '70279' },
      { level: 'departement', code: '70' },
      { level: 'academie', code: '03' },
      { level: 'region', code: '27' },
    ]);
  });
});
