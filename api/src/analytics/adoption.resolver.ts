import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../auth/access.decorators';
import type { ObservatoryRequest } from '../auth/utils/request-context.util';
import { AnalyticsQueryLimiter, limiterKeyOf } from './cost/analytics-query-limiter';
import { CELLS_PER_SLICE, yieldToEventLoop } from './cost/publish-in-slices';
import { CatalogResolverDefaults } from '../catalog/utils/catalog-resolver.decorator';
import { AGGREGATE_ONLY_ROLES, type Role } from '../auth/roles';
import { CurrentRole, CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { AdoptionService, type AdoptionCell, type AdoptionResult } from './adoption.service';
import { AdoptionResultDto, type AdoptionCellDto } from './dtos/adoption-result.dto';
import { AdoptionQueryInput } from './dtos/inputs/adoption-query.input';

function cellDto(cell: AdoptionCell): AdoptionCellDto {
  return {
    dimensions: cell.dimensions,
    rank: cell.rank,
    values: [...cell.values].map(([indicator, v]) => ({
      indicator,
      value: v.value,
      suppressed: v.suppressed,
      reason: v.suppressed ? v.reason : null,
      missing: 'missing' in v ? v.missing : null,
      denominator: 'denominator' in v ? (v.denominator ?? null) : null,
      comparison: v.comparison
        ? {
            value: v.comparison.value,
            suppressed: v.comparison.suppressed,
            reason: v.comparison.suppressed ? v.comparison.reason : null,
            missing: 'missing' in v.comparison ? v.comparison.missing : null,
            denominator: 'denominator' in v.comparison ? (v.comparison.denominator ?? null) : null,
          }
        : null,
      change: v.change ?? null,
    })),
  };
}

/** The GraphQL answer, a few thousand cells at a time with the event loop free in between (cost/publish-in-slices.ts). */
export async function adoptionResultDto(result: AdoptionResult, after: number, first: number): Promise<AdoptionResultDto> {
  const points: AdoptionResultDto['points'] = [];
  let cells = 0;
  for (const p of result.points) {
    if (cells >= CELLS_PER_SLICE) {
      cells = 0;
      await yieldToEventLoop();
    }
    cells += p.cells.length + 1;
    points.push({
      start: p.start,
      end: p.end,
      total: cellDto(p.total),
      cells: p.cells.map(cellDto),
      cellCount: p.cellCount,
      nextCursor: after + first < p.cellCount ? String(after + first) : null,
    });
  }
  return {
    territory: { level: result.territory.level, code: result.territory.code },
    from: result.from,
    to: result.to,
    interval: result.interval,
    points,
    comparison: result.comparison,
    equityGaps: result.equityGaps,
    annotations: result.annotations,
    asOf: result.asOf,
    establishments: result.establishments,
    establishmentsWithEnrolment: result.establishmentsWithEnrolment,
  };
}

@Resolver(() => AdoptionResultDto)
@CatalogResolverDefaults()
export class AdoptionResolver {
  constructor(
    private readonly analytics: AdoptionService,
    private readonly limiter: AnalyticsQueryLimiter,
  ) {}

  @Query(() => AdoptionResultDto, {
    description:
      'Indicators of a territory over a period: a series (interval), broken down (groupBy), ranked (orderBy), compared (compareTo), within the caller’s scope, with statistical secrecy applied.',
  })
  @SignedIn()
  async adoption(
    @CurrentScope() scope: TerritorialScope,
    @CurrentRole() role: Role | undefined,
    @Context('req') req: ObservatoryRequest | undefined,
    @Args('query', { type: () => AdoptionQueryInput }) query: AdoptionQueryInput,
  ): Promise<AdoptionResultDto> {
    const result = await this.limiter.run(limiterKeyOf(req), () => this.analytics.adoption(scope, {
      territory: query.territory.level === 'national' ? { level: 'national', code: query.territory.code.toUpperCase() } : query.territory,
      from: query.from,
      to: query.to,
      interval: query.interval,
      indicators: query.indicators,
      groupBy: query.groupBy ?? [],
      profiles: query.profiles,
      services: query.services,
      devices: query.devices,
      compareTo: query.compareTo,
      regularMinWeeks: query.regularMinWeeks,
      orderBy: query.orderBy,
      first: query.first,
      after: query.after,
      aggregateOnly: !!role && AGGREGATE_ONLY_ROLES.includes(role),
    }));
    return adoptionResultDto(result, query.after ? Number(query.after) : 0, query.first ?? 100);
  }
}
