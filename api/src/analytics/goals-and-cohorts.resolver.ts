import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import type { Indicator, Profile } from '@ent/contracts';
import { SignedIn } from '../auth/access.decorators';
import type { ObservatoryRequest } from '../auth/utils/request-context.util';
import { AnalyticsQueryLimiter, limiterKeyOf } from './cost/analytics-query-limiter';
import { CatalogResolverDefaults } from '../catalog/utils/catalog-resolver.decorator';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { DeploymentCohortsService } from './deployment-cohorts.service';
import { CohortPointDto, GoalProgressDto } from './dtos/goal-progress.dto';
import { IndicatorEnum, ProfileEnum } from './dtos/analytics-enums';
import { AnalyticsTerritoryInput } from './dtos/inputs/adoption-query.input';
import { GoalProgressService } from './goals/goal-progress.service';
import { parisToday } from './periods/calendar-days.util';


@Resolver()
@CatalogResolverDefaults()
export class GoalsAndCohortsResolver {
  constructor(
    private readonly goals: GoalProgressService,
    private readonly cohorts: DeploymentCohortsService,
    private readonly limiter: AnalyticsQueryLimiter,
  ) {}

  @Query(() => [GoalProgressDto], { description: 'Progress of every goal in the caller’s scope (inside `territory`), projected to its deadline' })
  @SignedIn()
  goalProgress(
    @CurrentScope() scope: TerritorialScope,
    @Context('req') req: ObservatoryRequest | undefined,
    @Args('territory', { type: () => AnalyticsTerritoryInput, nullable: true }) territory?: AnalyticsTerritoryInput,
    @Args('today', { type: () => String, nullable: true, description: 'Day of the answer (default: today in Paris)' }) today?: string,
  ): Promise<GoalProgressDto[]> {
    return this.limiter.run(limiterKeyOf(req), () => this.goals.progress(scope, today ?? parisToday(), territory ?? undefined));
  }

  @Query(() => [CohortPointDto], { description: 'An indicator by deployment wave and months since opening (the last 36 complete months)' })
  @SignedIn()
  async deploymentCohorts(
    @CurrentScope() scope: TerritorialScope,
    @Context('req') req: ObservatoryRequest | undefined,
    @Args('territory', { type: () => AnalyticsTerritoryInput }) territory: AnalyticsTerritoryInput,
    @Args('indicator', { type: () => IndicatorEnum }) indicator: Indicator,
    @Args('profile', { type: () => ProfileEnum, nullable: true }) profile?: Profile,
    @Args('today', { type: () => String, nullable: true }) today?: string,
  ): Promise<CohortPointDto[]> {
    const points = await this.limiter.run(limiterKeyOf(req), () => this.cohorts.cohorts(scope, territory, indicator, today ?? parisToday(), profile ?? undefined));
    return points.map((p) => ({
      wave: p.wave,
      waveLabel: p.waveLabel,
      monthsSinceOpening: p.monthsSinceOpening,
      value: p.value.value,
      suppressed: p.value.suppressed,
      reason: p.value.suppressed ? p.value.reason : null,
      missing: 'missing' in p.value ? p.value.missing : null,
    }));
  }
}
