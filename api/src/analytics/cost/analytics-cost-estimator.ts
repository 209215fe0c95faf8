import type { Dimension } from '@ent/contracts';
import type { DataSource } from 'typeorm';
import { EstablishmentEntity } from '../../catalog/entities/establishment.entity';
import { GoalEntity } from '../../catalog/entities/goal.entity';
import type { ScopedTerritory, ScopeService } from '../../scope/scope.service';
import { territoriesOfGoal } from '../goals/goal-progress.service';
import { validateAdoptionRequest, type AdoptionRequest } from '../adoption.service';
import { parisToday } from '../periods/calendar-days.util';
import { analyticsDayBounds, dayProblem } from '../periods/day-bounds.util';
import type { Interval } from '../periods/period-buckets.util';
import { adoptionCost, cohortsCost, goalCost } from './analytics-cost.util';

/** The GraphQL fields that run analytics, and so have a cost. */
export const COSTED_FIELDS = ['adoption', 'goalProgress', 'deploymentCohorts'] as const;
export type CostedField = (typeof COSTED_FIELDS)[number];

type TerritoryArgument = { level?: unknown; code?: unknown } | null | undefined;

const LEVELS = new Set(['national', 'region', 'academie', 'departement', 'commune', 'etablissement']);

function territoryOf(t: TerritoryArgument): ScopedTerritory | undefined {
  if (!t || typeof t.level !== 'string' || typeof t.code !== 'string' || !LEVELS.has(t.level)) return undefined;
  return t.level === 'national' ? { level: 'national', code: 'FR' } : ({ level: t.level, code: t.code } as ScopedTerritory);
}

/**
 * The cost of an analytics field from its arguments (analytics-cost.util.ts), reading only the
 * catalog: how many establishments the territory holds (whatever the caller's scope: an upper
 * bound), and for goalProgress which goals it would read. Arguments the resolver will refuse
 * (a wrong day, an unknown territory) cost 0: the resolver answers them with the field at fault.
 */
export class AnalyticsCostEstimator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
    private readonly today: () => string = parisToday,
  ) {}

  /** Establishments of the territories (the catalog's, before the caller's scope narrows them). */
  async establishmentsIn(territories: readonly ScopedTerritory[]): Promise<number> {
    const query = this.dataSource.getRepository(EstablishmentEntity).createQueryBuilder('e');
    return this.scopes.applyToEstablishments(query, this.scopes.territorialScopeOf(territories), 'e').getCount();
  }

  async costOf(field: CostedField, args: Record<string, unknown>, establishmentsOf = (t: readonly ScopedTerritory[]) => this.establishmentsIn(t)): Promise<number> {
    switch (field) {
      case 'adoption': {
        const q = (args.query ?? {}) as Record<string, unknown>;
        const territory = territoryOf(q.territory as TerritoryArgument);
        if (!territory || typeof q.from !== 'string' || typeof q.to !== 'string') return 0;
        try {
          validateAdoptionRequest({ ...q, territory, groupBy: q.groupBy ?? [], indicators: q.indicators ?? [] } as AdoptionRequest, this.today());
        } catch {
          return 0; // refused by the resolver, naming the field at fault
        }
        return adoptionCost(
          {
            from: q.from,
            to: q.to,
            interval: (q.interval as Interval) ?? 'none',
            groupBy: q.groupBy as Dimension[] | undefined,
            profiles: q.profiles as string[] | undefined,
            services: q.services as string[] | undefined,
            devices: q.devices as string[] | undefined,
            compareTo: q.compareTo as string | undefined,
          },
          await establishmentsOf([territory]),
        );
      }
      case 'deploymentCohorts': {
        const territory = territoryOf(args.territory as TerritoryArgument);
        if (typeof args.today === 'string' && dayProblem(args.today, analyticsDayBounds(this.today()))) return 0;
        return territory ? cohortsCost(await establishmentsOf([territory])) : 0;
      }
      case 'goalProgress': {
        const today = typeof args.today === 'string' ? args.today : this.today();
        if (dayProblem(today, analyticsDayBounds(this.today()))) return 0;
        let goals = await this.dataSource.getRepository(GoalEntity).find();
        if (args.territory) {
          const territory = territoryOf(args.territory as TerritoryArgument);
          if (!territory) return 0;
          goals = await this.scopes.filterCovered(this.scopes.territorialScopeOf([territory]), goals, territoriesOfGoal);
        }
        let cost = 0;
        for (const g of goals) {
          const perEstablishment = g.aggregation === 'each_establishment';
          cost += goalCost({ startOn: g.startOn, deadline: g.deadline, perEstablishment }, today, perEstablishment ? await establishmentsOf(territoriesOfGoal(g)) : 0);
        }
        return cost;
      }
    }
  }
}
