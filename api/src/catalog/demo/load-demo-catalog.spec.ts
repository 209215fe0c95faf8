import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import { openCatalogTestStore } from '../catalog-test-support';
import { BudgetEntity } from '../entities/budget.entity';
import { DeploymentEntity } from '../entities/deployment.entity';
import { EnrolmentEntity } from '../entities/enrolment.entity';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { GoalEntity } from '../entities/goal.entity';
import { TerritoryEntity } from '../entities/territory.entity';
import { loadDemoCatalog } from './load-demo-catalog';

// Real stores (PostgreSQL databases, an embedded ClickHouse) take seconds to create on a busy machine.
jest.setTimeout(30_000);

const TODAY = new Date('2026-11-23T10:00:00Z');

describe.each(RELATIONAL_TARGETS)('demo catalog on $name', (target) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ dataSource, close } = await openCatalogTestStore(target));
  });
  afterAll(async () => close?.());

  it('creates the 56 collèges with enrolments of two school years, the calendar, goals and budgets, then changes nothing', async () => {
    const first = await loadDemoCatalog(dataSource, TODAY);
    expect(first).toEqual({
      currentSchoolYear: '2026-2027',
      previousSchoolYear: '2025-2026',
      yearShift: 13,
      establishments: { created: 56, updated: 0, unchanged: 0 },
      ips: { created: 112, updated: 0, unchanged: 0 },
      enrolments: { created: 112, updated: 0, unchanged: 0 },
      deployments: { created: 56, updated: 0, unchanged: 0 },
      goals: { created: 5, updated: 0, unchanged: 0 },
      budgets: { created: 7, updated: 0, unchanged: 0 },
    });
    const second = await loadDemoCatalog(dataSource, TODAY);
    expect(second).toMatchObject({
      establishments: { created: 0, updated: 0, unchanged: 56 },
      enrolments: { created: 0, updated: 0, unchanged: 112 },
      deployments: { created: 0, updated: 0, unchanged: 56 },
      goals: { created: 0, updated: 0, unchanged: 5 },
      budgets: { created: 0, updated: 0, unchanged: 7 },
    });
  });

  it('places the establishments in their commune, département, académie and région', async () => {
    const gray = await dataSource.getRepository(EstablishmentEntity).findOneByOrFail({ uai: '0702102E' });
    expect(gray).toMatchObject({ communeCode: '70279', communeName: 'Gray', departementCode: '70', academieCode: '03', regionCode: '27', type: 'college', sector: 'public', rural: false });
    const communes = await dataSource.getRepository(TerritoryEntity).countBy({ level: 'commune' });
    expect(communes).toBe(new Set((await dataSource.getRepository(EstablishmentEntity).find()).map((e) => e.communeCode)).size);
  });

  it('shifts the Haute-Saône calendar so that the 2012 wave lands in the previous school year', async () => {
    const rows = await dataSource.getRepository(DeploymentEntity).find({ order: { openedOn: 'ASC', uai: 'ASC' } });
    const hauteSaone = rows.filter((d) => d.uai.startsWith('070'));
    expect(hauteSaone.slice(0, 9).map((d) => [d.uai, d.status, d.openedOn, d.wave])).toEqual([
      ['0702101D', 'pilot', '2024-09-01', 'Pilotes 2024'],
      ['0702102E', 'pilot', '2024-09-01', 'Pilotes 2024'],
      ['0700035H', 'open', '2025-05-14', 'Vague 2025'],
      ['0702103F', 'open', '2025-06-04', 'Vague 2025'],
      ['0702104G', 'open', '2025-06-11', 'Vague 2025'],
      ['0700785Y', 'open', '2025-10-01', 'Vague 2025'],
      ['0702105H', 'open', '2025-11-05', 'Vague 2025'],
      ['0702106J', 'open', '2025-12-03', 'Vague 2025'],
      ['0702107K', 'open', '2025-12-10', 'Vague 2025'],
    ]);
  });

  it('derives enrolments from the facts: accounts only once the establishment opened', async () => {
    const repo = dataSource.getRepository(EnrolmentEntity);
    const masson = await repo.findOneByOrFail({ uai: '0702101D', schoolYear: '2026-2027' });
    expect(masson).toMatchObject({ pupils: 420, families: 344, teachers: 32, staff: 19, accountsOpenedParent: 550, accountsActivatedParent: 303 });
    // Pesmes opened in September 2013 (shifted: 2026-09-02), after the previous school year.
    const pesmes = await repo.findOneByOrFail({ uai: '0702122B', schoolYear: '2025-2026' });
    expect([pesmes.accountsOpenedEleve, pesmes.accountsActivatedEleve]).toEqual([null, null]);
  });

  it('holds the goals and the Haute-Saône convention budget (500,000 €, first envelope 245,000 €)', async () => {
    const goal = await dataSource.getRepository(GoalEntity).findOneByOrFail({ name: 'Adhésion des familles ≥ 50 % dans chaque collège de Haute-Saône' });
    expect(goal).toMatchObject({ indicator: 'family_uptake', scopeCodes: ['70'], aggregation: 'each_establishment', target: 50, startOn: '2025-09-01', deadline: '2027-06-30', scopeLevel: 'departement' });
    const budgets = await dataSource.getRepository(BudgetEntity).findBy({ territoryCode: '70' });
    const total = (year?: string) => budgets.filter((b) => !year || b.schoolYear === year).reduce((s, b) => s + b.amount, 0);
    expect([total('2025-2026'), total()]).toEqual([245000, 500000]);
  });
});
