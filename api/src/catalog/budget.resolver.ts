import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, SignedIn } from '../auth/access.decorators';
import { CATALOG_EDITORS } from './utils/catalog-access.util';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { BudgetDto } from './dtos/budget.dto';
import { BudgetFilterInput, SetBudgetInput } from './dtos/inputs/budget.input';
import { BudgetService } from './services/budget.service';
import { CatalogResolverDefaults } from './utils/catalog-resolver.decorator';

@Resolver(() => BudgetDto)
@CatalogResolverDefaults()
export class BudgetResolver {
  constructor(private readonly service: BudgetService) {}

  @Query(() => [BudgetDto], { description: 'Budget lines of territories inside the caller’s scope' })
  @SignedIn()
  budgets(
    @CurrentScope() scope: TerritorialScope,
    @Args('filter', { type: () => BudgetFilterInput, nullable: true }) filter?: BudgetFilterInput,
  ): Promise<BudgetDto[]> {
    return this.service.list(scope, filter ?? {});
  }

  @Mutation(() => BudgetDto, { description: 'Creates or replaces the amount of a territory, school year and label' })
  @Roles(...CATALOG_EDITORS)
  setBudget(@CurrentScope() scope: TerritorialScope, @Args('input', { type: () => SetBudgetInput }) input: SetBudgetInput): Promise<BudgetDto> {
    return this.service.set(scope, input);
  }

  @Mutation(() => Boolean)
  @Roles(...CATALOG_EDITORS)
  deleteBudget(@CurrentScope() scope: TerritorialScope, @Args('id', { type: () => Int }) id: number): Promise<boolean> {
    return this.service.delete(scope, id);
  }
}
