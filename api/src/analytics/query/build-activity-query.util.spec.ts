import { bucketsOf, tilesOf } from '../periods/period-buckets.util';
import { buildActivityQuery, ROLLUP_FAMILIES, type ActivityQuerySpec, type RollupFamily } from './build-activity-query.util';
import { dimensionSql, type DimensionContext } from './dimension-sql.util';

const CONTEXT: DimensionContext = {
  establishments: [
    { uai: '0700785Y', name: 'Collège Jean Macé', communeCode: '70550', communeName: 'Vesoul', departementCode: '70', academieCode: '03', regionCode: '27', educationPrioritaire: 'REP', rural: false, wave: 'Vague 2025', openedOn: '2025-10-01' },
    { uai: '0701078S', name: 'Collège Romé de l’Isle', communeCode: '70279', communeName: 'Gray', departementCode: '70', academieCode: '03', regionCode: '27', educationPrioritaire: null, rural: true, wave: null, openedOn: null },
  ],
  ipsQuartiles: new Map([['0700785Y', 1]]),
};

function spec(family: RollupFamily, from: string, to: string, interval: Parameters<typeof bucketsOf>[2], groupBy: Parameters<typeof dimensionSql>[0][]): ActivityQuerySpec {
  const buckets = bucketsOf(from, to, interval);
  return {
    family,
    buckets,
    tiles: buckets.flatMap((b) => tilesOf(b, ROLLUP_FAMILIES[family].grains)),
    dimensions: groupBy.map((d, i) => dimensionSql(d, i, CONTEXT)),
    uais: CONTEXT.establishments.map((e) => e.uai),
    enrolledKeys: ['2026|0700785Y|eleve'],
    familyKeys: ['2026|0700785Y'],
    regularMinWeeks: buckets.map(() => 3),
    needs: { regular: true, sessionlessVisits: true, visitDurations: family === 'activity' },
  };
}

/**
 * The reviewed SQL of every indicator: all indicators of a cell come from one query whose shape
 * depends only on the rollup family, the breakdown and the grains read. A change to any of these
 * snapshots is a change of the SQL to review as SQL.
 */
describe('buildActivityQuery', () => {
  const cases: [string, ActivityQuerySpec][] = [
    ['school year to date, no breakdown (KPIs)', spec('activity', '2025-09-01', '2026-11-22', 'none', [])],
    ['monthly series by profile', { ...spec('activity', '2026-08-01', '2026-11-22', 'month', ['profile']), bucketSchoolYears: [2025, 2026, 2026, 2026] }],
    ['weekly series', spec('activity', '2026-10-26', '2026-11-08', 'week', [])],
    ['establishments by education prioritaire', spec('activity', '2026-09-01', '2026-11-22', 'none', ['establishment', 'education_prioritaire'])],
    ['service mix', spec('service_activity', '2026-09-01', '2026-11-22', 'none', ['service'])],
    ['device mix by profile', spec('device_activity', '2026-11-01', '2026-11-22', 'day', ['device', 'profile'])],
  ];

  it.each(cases)('%s', (_name, s) => {
    const { query, params } = buildActivityQuery(s);
    expect(query).toMatchSnapshot();
    // Values only travel as bound parameters: no UAI, day or key appears in the SQL text.
    for (const value of ['0700785Y', '2026-09-01', '2026|0700785Y']) expect(query).not.toContain(value);
    expect(params.uais).toEqual(['0700785Y', '0701078S']);
  });

  it('reads each grain once, with the periods of every bucket bound as parameters', () => {
    const { params } = buildActivityQuery(spec('activity', '2025-09-01', '2026-11-22', 'none', []));
    expect(params).toMatchObject({
      school_year_periods: ['2025-09-01'],
      school_year_buckets: [0],
      month_periods: ['2026-09-01', '2026-10-01'],
      month_buckets: [0, 0],
      day_buckets: Array(22).fill(0),
    });
    expect((params.day_periods as string[])[21]).toBe('2026-11-22');
  });

  it('maps establishment attributes through bound arrays', () => {
    const { params } = buildActivityQuery(spec('activity', '2026-09-01', '2026-09-30', 'none', ['education_prioritaire', 'rurality']));
    expect(params).toMatchObject({ dim0_uais: ['0700785Y', '0701078S'], dim0_values: ['REP', 'hors_ep'], dim1_values: ['urbain', 'rural'] });
  });
});
