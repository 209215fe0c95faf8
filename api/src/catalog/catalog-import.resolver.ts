import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Roles } from '../auth/access.decorators';
import { CATALOG_IMPORTERS } from './utils/catalog-access.util';
import { CurrentScope } from '../scope/current-scope.decorator';
import type { TerritorialScope } from '../scope/territorial-scope';
import { CatalogImportReportDto } from './dtos/catalog-import-report.dto';
import { CatalogImportInput } from './dtos/inputs/catalog-import.input';
import type { CatalogImportKind } from './imports/import-kind';
import { CatalogImportService } from './services/catalog-import.service';
import { CatalogResolverDefaults } from './utils/catalog-resolver.decorator';

@Resolver(() => CatalogImportReportDto)
@CatalogResolverDefaults()
export class CatalogImportResolver {
  constructor(private readonly service: CatalogImportService) {}

  @Mutation(() => CatalogImportReportDto, {
    description: 'Imports a catalog file (annuaire, ips, enrolments, effectifs, deployment, goals, budgets, calendar); every refused line is reported. Large files: POST /catalog/imports/:kind',
  })
  @Roles(...CATALOG_IMPORTERS)
  importCatalog(@CurrentScope() scope: TerritorialScope, @Args('input', { type: () => CatalogImportInput }) input: CatalogImportInput): Promise<CatalogImportReportDto> {
    return this.service.run(scope, input.kind as CatalogImportKind, input.content, input.dryRun === true);
  }
}
