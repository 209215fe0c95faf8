import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { GoalDto } from '../dtos/goal.dto';
import type { GoalInput } from '../dtos/inputs/goal.input';
import type { TerritoryRefInput } from '../dtos/inputs/territory-ref.input';
import { GoalEntity, type GoalAggregation, type GoalScopeLevel } from '../entities/goal.entity';
import { CatalogConflictError, CatalogInputError } from '../errors/catalog-errors';
import { goalProblems, goalTerritories, goalTerritoryKey, normaliseScopeCodes, type GoalDraft } from '../utils/goal-rules.util';
import { territoryOf } from '../utils/territory-filter.util';

@Injectable()
export class GoalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(GoalEntity);
  }

  /** Goals whose territories all lie inside the scope (and inside `territory` when given). */
  async list(scope: TerritorialScope, territory?: TerritoryRefInput): Promise<GoalDto[]> {
    const goals = await this.repository.find({ order: { deadline: 'ASC', id: 'ASC' } });
    let visible = await this.scopes.filterCovered(scope, goals, goalTerritories);
    if (territory) {
      const t = territoryOf(territory);
      await this.scopes.assertCovers(scope, [t]);
      const within = this.scopes.territorialScopeOf([t]);
      visible = await this.scopes.filterCovered(within, visible, goalTerritories);
    }
    return visible;
  }

  async create(scope: TerritorialScope, input: GoalInput): Promise<GoalDto> {
    const draft = await this.validated(scope, input);
    if (await this.sameNameInTerritory(draft)) throw new CatalogConflictError('name', `a goal named "${draft.name}" already exists for this territory`);
    return this.repository.save(this.repository.create(draft));
  }

  async update(scope: TerritorialScope, id: number, input: GoalInput): Promise<GoalDto> {
    const current = await this.visible(scope, id);
    const draft = await this.validated(scope, input);
    const clash = await this.sameNameInTerritory(draft);
    if (clash && clash.id !== current.id) throw new CatalogConflictError('name', `a goal named "${draft.name}" already exists for this territory`);
    return this.repository.save({ ...current, ...draft });
  }

  async delete(scope: TerritorialScope, id: number): Promise<boolean> {
    const current = await this.visible(scope, id);
    await this.repository.delete({ id: current.id });
    return true;
  }

  /**
   * The goal of the same name on the same territory, if any. Names are unique per territory only:
   * a check across territories would tell a caller the names of other territories' goals.
   */
  private async sameNameInTerritory(draft: GoalDraft): Promise<GoalEntity | undefined> {
    const named = await this.repository.findBy({ name: draft.name, scopeLevel: draft.scopeLevel });
    return named.find((g) => goalTerritoryKey(g) === goalTerritoryKey(draft));
  }

  /** A goal the caller may change: it exists and all its territories lie inside the scope. */
  private async visible(scope: TerritorialScope, id: number): Promise<GoalEntity> {
    const goal = await this.repository.findOneBy({ id });
    if (!goal) throw this.scopes.missing(scope, `goal ${id}`);
    await this.scopes.assertCovers(scope, goalTerritories(goal));
    return goal;
  }

  private async validated(scope: TerritorialScope, input: GoalInput): Promise<GoalDraft> {
    const scopeLevel = input.scopeLevel.trim().toLowerCase() as GoalScopeLevel;
    const draft: GoalDraft = {
      name: input.name.trim(),
      indicator: input.indicator.trim().toLowerCase(),
      profile: input.profile?.trim().toLowerCase() || null,
      scopeLevel,
      scopeCodes: normaliseScopeCodes(scopeLevel, input.scopeCodes),
      aggregation: (input.aggregation?.trim().toLowerCase() || 'territory') as GoalAggregation,
      target: input.target,
      startOn: input.startOn.trim(),
      deadline: input.deadline.trim(),
    };
    const problems = goalProblems(draft);
    if (problems.length) throw new CatalogInputError(problems[0].field, problems[0].reason, problems);
    // The scope first: outside it, an unknown territory and someone else's get the same answer.
    await this.scopes.assertCovers(scope, goalTerritories(draft));
    for (const t of goalTerritories(draft)) {
      if (!(await this.scopes.chainOf(t))) throw new CatalogInputError('scopeCodes', `unknown ${t.level} ${t.code}`);
    }
    return draft;
  }
}
