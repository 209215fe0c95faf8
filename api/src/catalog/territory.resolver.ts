import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../auth/access.decorators';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { TerritoryRefInput } from './dtos/inputs/territory-ref.input';
import { TerritoryNodeDto } from './dtos/territory-node.dto';
import { TerritoryService } from './services/territory.service';
import { CatalogResolverDefaults } from './utils/catalog-resolver.decorator';
import { territoryOf } from './utils/territory-filter.util';

@Resolver(() => TerritoryNodeDto)
@CatalogResolverDefaults()
export class TerritoryResolver {
  constructor(private readonly service: TerritoryService) {}

  @Query(() => TerritoryNodeDto, { description: 'The territory tree below a territory (the national tree when none is given)' })
  @SignedIn()
  territoryTree(
    @CurrentScope() scope: TerritorialScope,
    @Args('root', { type: () => TerritoryRefInput, nullable: true }) root?: TerritoryRefInput,
    @Args('depth', { type: () => Int, defaultValue: 1, description: 'Levels of children, 0 to 5' }) depth = 1,
  ): Promise<TerritoryNodeDto> {
    return this.service.tree(scope, root ? territoryOf(root) : undefined, depth);
  }
}
