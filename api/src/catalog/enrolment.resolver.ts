import { Args, Query, Resolver } from '@nestjs/graphql';
import { SignedIn } from '../auth/access.decorators';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { EnrolmentDto } from './dtos/enrolment.dto';
import { EnrolmentFilterInput } from './dtos/inputs/enrolment-filter.input';
import { EnrolmentService } from './services/enrolment.service';
import { CatalogResolverDefaults } from './utils/catalog-resolver.decorator';

@Resolver(() => EnrolmentDto)
@CatalogResolverDefaults()
export class EnrolmentResolver {
  constructor(private readonly service: EnrolmentService) {}

  @Query(() => [EnrolmentDto], { description: 'Enrolments of a school year in the caller’s scope' })
  @SignedIn()
  enrolments(@CurrentScope() scope: TerritorialScope, @Args('filter', { type: () => EnrolmentFilterInput }) filter: EnrolmentFilterInput): Promise<EnrolmentDto[]> {
    return this.service.list(scope, filter);
  }
}
