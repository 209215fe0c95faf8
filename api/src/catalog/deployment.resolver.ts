import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, SignedIn } from '../auth/access.decorators';
import { CATALOG_EDITORS } from './utils/catalog-access.util';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { DeploymentDto } from './dtos/deployment.dto';
import { DeploymentFilterInput, SetDeploymentInput } from './dtos/inputs/deployment.input';
import { DeploymentService } from './services/deployment.service';
import { CatalogResolverDefaults } from './utils/catalog-resolver.decorator';

@Resolver(() => DeploymentDto)
@CatalogResolverDefaults()
export class DeploymentResolver {
  constructor(private readonly service: DeploymentService) {}

  @Query(() => [DeploymentDto], { description: 'The deployment calendar of the caller’s scope, by opening date' })
  @SignedIn()
  deployments(
    @CurrentScope() scope: TerritorialScope,
    @Args('filter', { type: () => DeploymentFilterInput, nullable: true }) filter?: DeploymentFilterInput,
  ): Promise<DeploymentDto[]> {
    return this.service.list(scope, filter ?? {});
  }

  @Mutation(() => DeploymentDto, { description: 'Creates or replaces the deployment entry of an establishment' })
  @Roles(...CATALOG_EDITORS)
  setDeployment(@CurrentScope() scope: TerritorialScope, @Args('input', { type: () => SetDeploymentInput }) input: SetDeploymentInput): Promise<DeploymentDto> {
    return this.service.set(scope, input);
  }
}
