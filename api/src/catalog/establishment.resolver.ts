import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../auth/access.decorators';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { EstablishmentConnectionDto, EstablishmentDto } from './dtos/establishment.dto';
import { EstablishmentFilterInput } from './dtos/inputs/establishment-filter.input';
import { EstablishmentService } from './services/establishment.service';
import { CatalogResolverDefaults } from './utils/catalog-resolver.decorator';

@Resolver(() => EstablishmentDto)
@CatalogResolverDefaults()
export class EstablishmentResolver {
  constructor(private readonly service: EstablishmentService) {}

  @Query(() => EstablishmentConnectionDto, { description: 'Establishments of the caller’s scope, by UAI, with cursor pagination' })
  @SignedIn()
  establishments(
    @CurrentScope() scope: TerritorialScope,
    @Args('filter', { type: () => EstablishmentFilterInput, nullable: true }) filter?: EstablishmentFilterInput,
    @Args('first', { type: () => Int, defaultValue: 50, description: '1 to 100' }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<EstablishmentConnectionDto> {
    return this.service.list(scope, filter ?? {}, first, after ?? undefined);
  }

  @Query(() => EstablishmentDto)
  @SignedIn()
  establishment(@CurrentScope() scope: TerritorialScope, @Args('uai', { type: () => String }) uai: string): Promise<EstablishmentDto> {
    return this.service.get(scope, uai);
  }
}
