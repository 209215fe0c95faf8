import { bucketsOf, periodEnd, tilesOf, type FinalizedPeriods } from '../periods/period-buckets.util';
import { weekdayOf } from '../periods/calendar-days.util';
import { buildActivityQuery, ROLLUP_FAMILIES, type ActivityQuerySpec, type RollupFamily } from './build-activity-query.util';
import { dimensionSql, type DimensionContext } from './dimension-sql.util';

const CONTEXT: DimensionContext = {
  establishments: [
    { uai: '0700785Y', name: 'Collège Jean Macé', communeCode: '70550', communeName: 'Vesoul', departementCode: '70', academieCode: '03', regionCode: '27', educationPrioritaire: 'REP', rural: false, wave: 'Vague 2025', openedOn: '2025-10-01' },
    { uai: '0701078S', name: 'Collège Romé de l’Isle', communeCode: '70279', communeName: 'Gray', departementCode: '70', academieCode: '03', regionCode: '27', educationPrioritaire: null, rural: true, wave: null, openedOn: null },
  ],
  ipsQuartiles: new Map([['0700785Y', 1]]),
};

/** Every period starting up to 2026-11-21 finalized (generation 7 for the activity rollups, 8 for the others), held up to that day. */
const FINALIZED_THROUGH = '2026-11-21';
const finalized =
  (generation: number): FinalizedPeriods =>
  (grain, period) => {
    const starts = grain === 'day' || (grain === 'week' && weekdayOf(period) === 0) || (grain === 'month' && period.endsWith('-01')) || (grain === 'school_year' && period.endsWith('-09-01'));
    if (!starts || period > FINALIZED_THROUGH) return undefined;
    const end = periodEnd(grain, period);
    return { end: end < FINALIZED_THROUGH ? end : FINALIZED_THROUGH, generation };
  };

function spec(
  family: RollupFamily,
  from: string,
  to: string,
  interval: Parameters<typeof bucketsOf>[2],
  groupBy: Parameters<typeof dimensionSql>[0][],
  today?: string,
): ActivityQuerySpec {
  const buckets = bucketsOf(from, to, interval);
  const tilesFor = (f: RollupFamily) => buckets.flatMap((b) => tilesOf(b, ROLLUP_FAMILIES[f].grains, today, today ? finalized(f === 'activity' ? 7 : 8) : undefined));
  return {
    family,
    buckets,
    tiles: tilesFor(family),
    dimensions: groupBy.map((d, i) => dimensionSql(d, i, CONTEXT)),
    uais: CONTEXT.establishments.map((e) => e.uai),
    enrolledKeys: ['2026|0700785Y|eleve'],
    familyKeys: ['2026|0700785Y'],
    regularMinWeeks: buckets.map(() => 3),
    needs: { enrolled: true, families: true, regular: true, visits: true, visitDurations: family === 'activity' },
    ...(family === 'activity' ? {} : { totalTiles: tilesFor('activity') }),
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
    // Finalized up to yesterday, today (22 November) live.
    ['finalized: school year to date, no breakdown (KPIs)', spec('activity', '2026-09-01', '2026-11-22', 'none', [], '2026-11-22')],
    ['finalized: service mix', spec('service_activity', '2026-09-01', '2026-11-22', 'none', ['service'], '2026-11-22')],
    ['finalized: weekly series by profile', spec('activity', '2026-11-02', '2026-11-22', 'week', ['profile'], '2026-11-22')],
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

  it('reads the finalized periods by generation, and today from the live rollups', () => {
    const { params } = buildActivityQuery(spec('activity', '2026-09-01', '2026-11-22', 'none', [], '2026-11-22'));
    expect(params).toMatchObject({
      final_school_year_periods: ['2026-09-01'],
      final_school_year_buckets: [0],
      final_school_year_generations: [7],
      day_periods: ['2026-11-22'],
      day_buckets: [0],
    });
    const service = buildActivityQuery(spec('service_activity', '2026-09-01', '2026-11-22', 'none', ['service'], '2026-11-22'));
    // The cells from the service rollups, the total from the activity rollups.
    expect(service.params).toMatchObject({ final_school_year_generations: [8], total_final_school_year_generations: [7], total_day_periods: ['2026-11-22'] });
  });

  it('maps establishment attributes through bound arrays', () => {
    const { params } = buildActivityQuery(spec('activity', '2026-09-01', '2026-09-30', 'none', ['education_prioritaire', 'rurality']));
    expect(params).toMatchObject({ dim0_uais: ['0700785Y', '0701078S'], dim0_values: ['REP', 'hors_ep'], dim1_values: ['urbain', 'rural'] });
  });
});
