import { applyDecorators, UseFilters, UsePipes } from '@nestjs/common';
import { CatalogErrorFilter } from '../errors/catalog-error.filter';
import { catalogValidationPipe } from './catalog-validation.pipe';

/** Every catalog resolver: inputs validated, errors mapped by the one filter. */
export function CatalogResolverDefaults(): ClassDecorator {
  return applyDecorators(UseFilters(new CatalogErrorFilter()), UsePipes(catalogValidationPipe));
}
