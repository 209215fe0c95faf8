import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { CatalogImportKind } from '../imports/import-kind';
import { runCatalogImport, type ImportReport } from '../imports/run-catalog-import';

@Injectable()
export class CatalogImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  /** Imports a file; lines about establishments or territories outside the caller's scope are refused line by line. */
  run(scope: TerritorialScope, kind: CatalogImportKind, content: string, dryRun: boolean): Promise<ImportReport> {
    return runCatalogImport(this.dataSource, kind, content, { dryRun, scope, scopeService: this.scopes });
  }
}
