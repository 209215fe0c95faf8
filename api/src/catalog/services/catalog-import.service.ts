import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { CatalogImportKind } from '../imports/import-kind';
import { type CatalogFileText, runCatalogImport, type ImportReport } from '../imports/run-catalog-import';

@Injectable()
export class CatalogImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  /**
   * Imports a file (its whole text, or its text as a stream); lines about establishments or
   * territories outside the caller's scope are refused line by line.
   */
  run(scope: TerritorialScope, kind: CatalogImportKind, content: CatalogFileText, dryRun: boolean): Promise<ImportReport> {
    return runCatalogImport(this.dataSource, kind, content, { dryRun, scope, scopeService: this.scopes });
  }
}
