import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles, SignedIn } from '../auth/access.decorators';
import type { ObservatoryRequest } from '../auth/utils/request-context.util';
import { CATALOG_EDITORS } from '../catalog/utils/catalog-access.util';
import { CatalogResolverDefaults } from '../catalog/utils/catalog-resolver.decorator';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { AnnotationDto } from './dtos/annotation.dto';
import { AnnotationFilterInput, AnnotationInput } from './dtos/inputs/annotation.input';
import { AnnotationService } from './services/annotation.service';

/**
 * Annotations are catalog data about territories: the same editors, the same validation pipe and
 * the same one mapping of errors (BAD_USER_INPUT with `field`, NOT_FOUND, FORBIDDEN).
 */
@Resolver(() => AnnotationDto)
@CatalogResolverDefaults()
export class AnnotationResolver {
  constructor(private readonly service: AnnotationService) {}

  @Query(() => [AnnotationDto], { description: 'Dated notes inside the caller’s scope, oldest first; `filter.territory` keeps those applying to it (on it, above it or inside it)' })
  @SignedIn()
  annotations(
    @CurrentScope() scope: TerritorialScope,
    @Args('filter', { type: () => AnnotationFilterInput, nullable: true }) filter?: AnnotationFilterInput,
  ): Promise<AnnotationDto[]> {
    return this.service.list(scope, filter ?? {});
  }

  @Mutation(() => AnnotationDto)
  @Roles(...CATALOG_EDITORS)
  createAnnotation(
    @CurrentScope() scope: TerritorialScope,
    @Context('req') req: ObservatoryRequest | undefined,
    @Args('input', { type: () => AnnotationInput }) input: AnnotationInput,
  ): Promise<AnnotationDto> {
    return this.service.create(scope, req?.user?.id, input);
  }

  @Mutation(() => AnnotationDto)
  @Roles(...CATALOG_EDITORS)
  updateAnnotation(
    @CurrentScope() scope: TerritorialScope,
    @Args('id', { type: () => Int }) id: number,
    @Args('input', { type: () => AnnotationInput }) input: AnnotationInput,
  ): Promise<AnnotationDto> {
    return this.service.update(scope, id, input);
  }

  @Mutation(() => Boolean)
  @Roles(...CATALOG_EDITORS)
  deleteAnnotation(@CurrentScope() scope: TerritorialScope, @Args('id', { type: () => Int }) id: number): Promise<boolean> {
    return this.service.delete(scope, id);
  }
}
