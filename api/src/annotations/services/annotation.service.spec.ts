import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import { AppUserEntity } from '../../auth/entities/app-user.entity';
import { openCatalogTestStore } from '../../catalog/catalog-test-support';
import { loadDemoCatalog } from '../../catalog/demo/load-demo-catalog';
import { CatalogInputError } from '../../catalog/errors/catalog-errors';
import type { ScopeService, ScopedTerritory } from '../../scope/scope.service';
import { NATIONAL_SCOPE, scopeOfTerritories } from '../../scope/territorial-scope';
import type { AnnotationInput } from '../dtos/inputs/annotation.input';
import { AnnotationService } from './annotation.service';

// Real stores (PostgreSQL databases) take seconds to create on a busy machine.
jest.setTimeout(30_000);

const ROME_DE_L_ISLE: ScopedTerritory = { level: 'etablissement', code: '0702102E' }; // Gray (70279), Haute-Saône, académie 03, région 27
const HAUTE_SAONE: ScopedTerritory = { level: 'departement', code: '70' };

/**
 * Notes around March 2026, created in this order (ids 1 to 10). Queries below ask about
 * [2026-03-01, 2026-03-31].
 */
const NOTES: (Pick<AnnotationInput, 'territoryLevel' | 'territoryCode' | 'startsOn' | 'endsOn'> & { why: string })[] = [
  { why: 'the establishment itself', territoryLevel: 'etablissement', territoryCode: '0702102E', startsOn: '2026-03-10', endsOn: '2026-03-12' },
  { why: 'its département, ending on the first day', territoryLevel: 'departement', territoryCode: '70', startsOn: '2026-02-20', endsOn: '2026-03-01' },
  { why: 'its commune, ending the day before', territoryLevel: 'commune', territoryCode: '70279', startsOn: '2026-02-01', endsOn: '2026-02-28' },
  { why: 'a sibling collège of Gray', territoryLevel: 'etablissement', territoryCode: '0702113S', startsOn: '2026-03-15', endsOn: '2026-03-15' },
  { why: 'its académie, starting on the last day', territoryLevel: 'academie', territoryCode: '03', startsOn: '2026-03-31', endsOn: '2026-04-30' },
  { why: 'its région, starting the day after', territoryLevel: 'region', territoryCode: '27', startsOn: '2026-04-01', endsOn: '2026-04-30' },
  { why: 'the whole country, over the period', territoryLevel: 'national', territoryCode: 'FR', startsOn: '2026-01-01', endsOn: '2026-12-31' },
  { why: 'another département (Haute-Loire)', territoryLevel: 'departement', territoryCode: '43', startsOn: '2026-03-10', endsOn: '2026-03-10' },
  { why: 'a collège of Vesoul, elsewhere in Haute-Saône', territoryLevel: 'etablissement', territoryCode: '0700785Y', startsOn: '2026-03-02', endsOn: '2026-03-03' },
  { why: 'a neighbouring département (Doubs) of the académie', territoryLevel: 'departement', territoryCode: '25', startsOn: '2026-03-05', endsOn: '2026-03-06' },
];

describe.each(RELATIONAL_TARGETS)('AnnotationService on $name', (target) => {
  let dataSource: DataSource;
  let scopes: ScopeService;
  let close: () => Promise<void>;
  let service: AnnotationService;
  const touching = async (territory: ScopedTerritory, from: string, to: string, scope = NATIONAL_SCOPE) => (await service.touching(scope, territory, from, to)).map((a) => a.id);

  beforeAll(async () => {
    ({ dataSource, scopeService: scopes, close } = await openCatalogTestStore(target));
    await loadDemoCatalog(dataSource, new Date('2026-11-23T10:00:00Z'));
    service = new AnnotationService(dataSource, scopes);
    for (const { why, ...note } of NOTES) await service.create(NATIONAL_SCOPE, null, { ...note, kind: 'note', text: why });
  });
  afterAll(async () => close?.());

  it('gives an establishment’s series the notes on it and on the territories containing it, within the period bounds', async () => {
    // 1 itself, 2 its département (ends on `from`), 5 its académie (starts on `to`), 7 national;
    // not 3 (ends the day before), 4 (sibling), 6 (starts the day after), 8, 9, 10 (elsewhere).
    expect(await touching(ROME_DE_L_ISLE, '2026-03-01', '2026-03-31')).toEqual([7, 2, 1, 5]);
    expect(await touching(ROME_DE_L_ISLE, '2026-02-28', '2026-03-31')).toEqual([7, 3, 2, 1, 5]);
    expect(await touching(ROME_DE_L_ISLE, '2026-03-01', '2026-04-01')).toEqual([7, 2, 1, 5, 6]);
    expect(await touching(ROME_DE_L_ISLE, '2026-03-02', '2026-03-09')).toEqual([7]);
  });

  it('gives a département’s series its notes, those above it and those of its communes and establishments, not its neighbours’', async () => {
    // 1 and 4 (collèges of Gray) and 9 (Vesoul) are inside; 2 itself; 5 and 7 above; not 10 (Doubs), 8 (Haute-Loire).
    expect(await touching(HAUTE_SAONE, '2026-03-01', '2026-03-31')).toEqual([7, 2, 9, 1, 4, 5]);
    expect(await touching({ level: 'departement', code: '070' }, '2026-03-01', '2026-03-31')).toEqual([7, 2, 9, 1, 4, 5]);
    // A commune: its two collèges and everything above, not Vesoul.
    expect(await touching({ level: 'commune', code: '70279' }, '2026-02-01', '2026-03-31')).toEqual([7, 3, 2, 1, 4, 5]);
    // The académie holds both départements 70 and 25, not Haute-Loire.
    expect(await touching({ level: 'academie', code: '03' }, '2026-03-01', '2026-03-31')).toEqual([7, 2, 9, 10, 1, 4, 5]);
    // The national series meets every note of the period.
    expect(await touching({ level: 'national', code: 'FR' }, '2026-03-01', '2026-03-31')).toEqual([7, 2, 9, 10, 8, 1, 4, 5]);
  });

  it('keeps only the notes inside the caller’s scope, for every role, never those above it', async () => {
    // Notes 7 (national), 6 (région) and 5 (académie) lie above Haute-Saône: its councillor and its
    // project manager do not see them, even on their own charts.
    const councillor = scopeOfTerritories([{ level: 'departement', code: '70' }]);
    expect(await touching(ROME_DE_L_ISLE, '2026-03-01', '2026-04-01', councillor)).toEqual([2, 1]);
    expect(await touching(HAUTE_SAONE, '2026-03-01', '2026-03-31', councillor)).toEqual([2, 9, 1, 4]);
    const projectManager = scopeOfTerritories([{ level: 'departement', code: '70' }, { level: 'departement', code: '43' }, { level: 'departement', code: '73' }]);
    expect(await touching(HAUTE_SAONE, '2026-03-01', '2026-03-31', projectManager)).toEqual([2, 9, 1, 4]);
    expect(await touching({ level: 'departement', code: '43' }, '2026-03-01', '2026-03-31', projectManager)).toEqual([8]);
    // The rectorate sees its académie's note, not the région's nor the national one.
    const rectorate = scopeOfTerritories([{ level: 'academie', code: '03' }]);
    expect(await touching(ROME_DE_L_ISLE, '2026-03-01', '2026-04-01', rectorate)).toEqual([2, 1, 5]);
    // An establishment head sees the notes on the establishment only, not its département's.
    const head = scopeOfTerritories([{ level: 'etablissement', code: '0702102E' }]);
    expect(await touching(ROME_DE_L_ISLE, '2026-03-01', '2026-04-01', head)).toEqual([1]);
    expect(await touching(HAUTE_SAONE, '2026-03-01', '2026-03-31', head)).toEqual([1]);
    // A national caller sees every note that applies.
    expect(await touching(ROME_DE_L_ISLE, '2026-03-01', '2026-04-01', NATIONAL_SCOPE)).toEqual([7, 2, 1, 5, 6]);
    const outsider = scopeOfTerritories([{ level: 'departement', code: '43' }]);
    expect(await touching(ROME_DE_L_ISLE, '2026-03-01', '2026-03-31', outsider)).toEqual([]);
  });

  it('lists the same notes as it shows on the charts: only those inside the scope', async () => {
    const councillor = scopeOfTerritories([{ level: 'departement', code: '70' }]);
    const listed = await service.list(councillor, { territory: ROME_DE_L_ISLE, from: '2026-03-01', to: '2026-04-01' });
    expect(listed.map((a) => a.id)).toEqual([2, 1]);
    const head = scopeOfTerritories([{ level: 'etablissement', code: '0702102E' }]);
    expect((await service.list(head, { from: '2026-01-01', to: '2026-12-31' })).map((a) => a.id)).toEqual([1]);
  });

  it('reads the notes in two queries whatever their number', async () => {
    // Every query of both drivers goes through the logger (which prints nothing unless logging is on).
    const logged = jest.spyOn(dataSource.logger, 'logQuery');
    try {
      expect(await touching(HAUTE_SAONE, '2026-03-01', '2026-03-31')).toEqual([7, 2, 9, 1, 4, 5]);
      expect(logged.mock.calls.map(([sql]) => /FROM "(\w+)"/.exec(sql)?.[1])).toEqual(['annotation', 'establishment']);
    } finally {
      logged.mockRestore();
    }
  });

  it('refuses a malformed period with the field', async () => {
    await expect(service.touching(NATIONAL_SCOPE, HAUTE_SAONE, '2026-03-31', '2026-03-01')).rejects.toThrow(new CatalogInputError('to', 'the end 2026-03-01 is before the start 2026-03-31'));
    await expect(service.touching(NATIONAL_SCOPE, HAUTE_SAONE, '2026-3-1', '2026-03-31')).rejects.toMatchObject({ field: 'from', message: 'from: "2026-3-1" is not a date YYYY-MM-DD' });
  });

  it('records who wrote a note and keeps it when the note is updated', async () => {
    await dataSource.getRepository(AppUserEntity).save({
      id: '11111111-1111-4111-8111-111111111111',
      email: 'cd70@ent.example.fr',
      displayName: 'CD 70',
      role: 'councillor',
      territories: [{ level: 'departement', code: '70' }],
      passwordHash: null,
      createdAt: new Date(),
    });
    const councillor = scopeOfTerritories([{ level: 'departement', code: '70' }]);
    const input = { territoryLevel: 'departement', territoryCode: '70', startsOn: '2026-06-01', endsOn: '2026-06-30', kind: 'ent_change', text: 'Migration vers la nouvelle version de l’ENT' };
    const created = await service.create(councillor, '11111111-1111-4111-8111-111111111111', input);
    expect(created).toMatchObject({ createdBy: '11111111-1111-4111-8111-111111111111', kind: 'ent_change' });
    const updated = await service.update(NATIONAL_SCOPE, created.id, { ...input, kind: 'note' });
    expect(updated).toMatchObject({ createdBy: '11111111-1111-4111-8111-111111111111', kind: 'note', createdAt: created.createdAt });
    expect(await service.delete(councillor, created.id)).toBe(true);
  });
});
