import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { BudgetDto } from '../dtos/budget.dto';
import type { BudgetFilterInput, SetBudgetInput } from '../dtos/inputs/budget.input';
import { BudgetEntity, type BudgetLabel } from '../entities/budget.entity';
import { CatalogInputError } from '../errors/catalog-errors';
import { budgetProblems, budgetTerritory, normaliseBudgetTerritoryCode, type BudgetDraft } from '../utils/budget-rules.util';
import { territoryOf } from '../utils/territory-filter.util';

@Injectable()
export class BudgetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(BudgetEntity);
  }

  /** Budget lines of territories inside the scope (and inside `territory` when given). */
  async list(scope: TerritorialScope, filter: BudgetFilterInput = {}): Promise<BudgetDto[]> {
    const rows = await this.repository.find({
      where: filter.schoolYear ? { schoolYear: filter.schoolYear } : {},
      order: { schoolYear: 'ASC', territoryLevel: 'ASC', territoryCode: 'ASC', label: 'ASC' },
    });
    let visible = await this.scopes.filterCovered(scope, rows, (b) => [budgetTerritory(b)]);
    if (filter.territory) {
      const t = territoryOf(filter.territory);
      await this.scopes.assertCovers(scope, [t]);
      visible = await this.scopes.filterCovered(this.scopes.territorialScopeOf([t]), visible, (b) => [budgetTerritory(b)]);
    }
    return visible;
  }

  /** Creates or replaces the amount of a territory, school year and label. */
  async set(scope: TerritorialScope, input: SetBudgetInput): Promise<BudgetDto> {
    const territoryLevel = input.territoryLevel.trim().toLowerCase();
    const draft: BudgetDraft = {
      territoryLevel,
      territoryCode: normaliseBudgetTerritoryCode(territoryLevel, input.territoryCode),
      schoolYear: input.schoolYear,
      label: input.label.trim().toLowerCase() as BudgetLabel,
      amount: input.amount,
      description: input.description?.trim() || null,
    };
    const problems = budgetProblems(draft);
    if (problems.length) throw new CatalogInputError(problems[0].field, problems[0].reason, problems);
    const territory = budgetTerritory(draft);
    // The scope first: outside it, an unknown territory and someone else's get the same answer.
    await this.scopes.assertCovers(scope, [territory]);
    if (!(await this.scopes.chainOf(territory))) throw new CatalogInputError('territoryCode', `unknown ${territory.level} ${territory.code}`);
    const current = await this.repository.findOneBy({
      territoryLevel: draft.territoryLevel,
      territoryCode: draft.territoryCode,
      schoolYear: draft.schoolYear,
      label: draft.label,
    });
    return this.repository.save(current ? { ...current, ...draft } : this.repository.create(draft));
  }

  async delete(scope: TerritorialScope, id: number): Promise<boolean> {
    const current = await this.repository.findOneBy({ id });
    if (!current) throw this.scopes.missing(scope, `budget ${id}`);
    await this.scopes.assertCovers(scope, [budgetTerritory(current)]);
    await this.repository.delete({ id });
    return true;
  }
}
