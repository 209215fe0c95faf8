import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, SignedIn } from '../auth/access.decorators';
import { CATALOG_EDITORS } from './utils/catalog-access.util';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { GoalDto } from './dtos/goal.dto';
import { GoalInput } from './dtos/inputs/goal.input';
import { TerritoryRefInput } from './dtos/inputs/territory-ref.input';
import { GoalService } from './services/goal.service';
import { CatalogResolverDefaults } from './utils/catalog-resolver.decorator';

@Resolver(() => GoalDto)
@CatalogResolverDefaults()
export class GoalResolver {
  constructor(private readonly service: GoalService) {}

  @Query(() => [GoalDto], { description: 'Goals whose territories lie inside the caller’s scope (and inside `territory`)' })
  @SignedIn()
  goals(
    @CurrentScope() scope: TerritorialScope,
    @Args('territory', { type: () => TerritoryRefInput, nullable: true }) territory?: TerritoryRefInput,
  ): Promise<GoalDto[]> {
    return this.service.list(scope, territory ?? undefined);
  }

  @Mutation(() => GoalDto)
  @Roles(...CATALOG_EDITORS)
  createGoal(@CurrentScope() scope: TerritorialScope, @Args('input', { type: () => GoalInput }) input: GoalInput): Promise<GoalDto> {
    return this.service.create(scope, input);
  }

  @Mutation(() => GoalDto)
  @Roles(...CATALOG_EDITORS)
  updateGoal(
    @CurrentScope() scope: TerritorialScope,
    @Args('id', { type: () => Int }) id: number,
    @Args('input', { type: () => GoalInput }) input: GoalInput,
  ): Promise<GoalDto> {
    return this.service.update(scope, id, input);
  }

  @Mutation(() => Boolean)
  @Roles(...CATALOG_EDITORS)
  deleteGoal(@CurrentScope() scope: TerritorialScope, @Args('id', { type: () => Int }) id: number): Promise<boolean> {
    return this.service.delete(scope, id);
  }
}
