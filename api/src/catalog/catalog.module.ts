import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ScopeModule } from '../scope/scope.module';
import { BudgetResolver } from './budget.resolver';
import { CatalogImportResolver } from './catalog-import.resolver';
import { CatalogUploadController } from './http/catalog-upload.controller';
import { DeploymentResolver } from './deployment.resolver';
import { EnrolmentResolver } from './enrolment.resolver';
import { EstablishmentResolver } from './establishment.resolver';
import { GoalResolver } from './goal.resolver';
import { BudgetService } from './services/budget.service';
import { CatalogImportService } from './services/catalog-import.service';
import { DeploymentService } from './services/deployment.service';
import { EnrolmentService } from './services/enrolment.service';
import { EstablishmentService } from './services/establishment.service';
import { GoalService } from './services/goal.service';
import { TerritoryService } from './services/territory.service';
import { TerritoryResolver } from './territory.resolver';

/** The territorial catalog: territories, establishments, enrolments, deployment, goals, budgets, and their imports. */
@Module({
  imports: [ScopeModule],
  controllers: [CatalogUploadController],
  providers: [
    TerritoryService,
    EstablishmentService,
    EnrolmentService,
    DeploymentService,
    GoalService,
    BudgetService,
    CatalogImportService,
    TerritoryResolver,
    EstablishmentResolver,
    EnrolmentResolver,
    DeploymentResolver,
    GoalResolver,
    BudgetResolver,
    CatalogImportResolver,
  ],
  exports: [TerritoryService, EstablishmentService, EnrolmentService, GoalService, BudgetService],
})
export class CatalogModule implements OnApplicationBootstrap {
  constructor(private readonly territories: TerritoryService) {}

  /** Régions, académies and départements are reference data: present from the first start (idempotent). */
  async onApplicationBootstrap(): Promise<void> {
    await this.territories.ensureReference();
  }
}
