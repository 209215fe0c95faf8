import { INDICATOR_DEFINITIONS, isIndicator, type Indicator, type Profile } from '@ent/contracts';
import type { DataSource } from 'typeorm';
import { GoalEntity } from '../../catalog/entities/goal.entity';
import { analyticsDayBounds, assertDayArgument } from '../periods/day-bounds.util';
import type { ScopedTerritory, ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { AdoptionService } from '../adoption.service';
import { addDays, maxDay, minDay, monthStartOf, parisToday } from '../periods/calendar-days.util';
import { projectGoal, type GoalProjection, type GoalStatus } from './goal-projection';

export interface EstablishmentGoalProgress extends GoalProjection {
  uai: string;
  name: string;
}

/** The indicator over the month that is not over yet: from its first day (or the goal's start) to today. */
export interface GoalMonthToDate {
  from: string;
  to: string;
  /** null when suppressed (statistical secrecy) or unknown. */
  value: number | null;
}

export interface GoalProgress extends GoalProjection {
  goal: GoalEntity;
  /** Complete months the current value and the trend were read on (`YYYY-MM-01`, value null when suppressed or unknown). */
  points: { month: string; value: number | null }[];
  /**
   * The month to date, apart from the complete months (a few days do not compare with whole
   * months); null when `today` is not the real today (a past month to date is a free period that
   * the calendar periods of the aggregate-only roles do not allow) or lies outside the goal.
   */
  monthToDate: GoalMonthToDate | null;
  /** `each_establishment` goals: every establishment's own progress, and how many are in each status. */
  establishments: EstablishmentGoalProgress[];
  statusCounts: { status: GoalStatus; count: number }[];
}

export const territoriesOfGoal = (g: GoalEntity): ScopedTerritory[] =>
  g.scopeLevel === 'national' ? [{ level: 'national', code: 'FR' }] : g.scopeCodes.map((code) => ({ level: g.scopeLevel as ScopedTerritory['level'], code }));

/**
 * Progress of each goal: the indicator month by month since the goal's start, complete months only
 * (the month of `today` is never one: its current value and trend would compare a few days with
 * whole months), the projection of that trend to the deadline (goal-projection.ts), and the month
 * to date apart. An `each_establishment` goal is projected for every establishment
 * and summarised by status; its headline is the territory's own value.
 */
export class GoalProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
    private readonly adoption: AdoptionService,
    private readonly realToday: () => string = parisToday,
  ) {}

  async progress(scope: TerritorialScope, today: string, territory?: ScopedTerritory): Promise<GoalProgress[]> {
    assertDayArgument('today', today, analyticsDayBounds(parisToday()));
    if (territory) await this.scopes.assertCovers(scope, [territory]);
    const goals = await this.dataSource.getRepository(GoalEntity).find({ order: { deadline: 'ASC', id: 'ASC' } });
    let visible = await this.scopes.filterCovered(scope, goals, territoriesOfGoal);
    if (territory) {
      const inside = this.scopes.territorialScopeOf([territory]);
      visible = await this.scopes.filterCovered(inside, visible, territoriesOfGoal);
    }
    const result: GoalProgress[] = [];
    for (const goal of visible) result.push(await this.progressOf(scope, goal, today));
    return result;
  }

  private async progressOf(scope: TerritorialScope, goal: GoalEntity, today: string): Promise<GoalProgress> {
    const indicator = goal.indicator as Indicator;
    if (!isIndicator(indicator)) throw new Error(`goal ${goal.id} names an unknown indicator ${goal.indicator}`);
    const lastComplete = addDays(monthStartOf(today), -1);
    const to = minDay(goal.deadline, lastComplete);
    const from = monthStartOf(goal.startOn);
    const territories = territoriesOfGoal(goal);
    const perEstablishment = goal.aggregation === 'each_establishment';
    const profiles = goal.profile ? [goal.profile as Profile] : undefined;
    const answer =
      to < from
        ? { points: [] }
        : await this.adoption.adoption(scope, {
            territory: territories[0],
            territories,
            from,
            to,
            interval: 'month',
            indicators: [indicator],
            groupBy: perEstablishment ? ['establishment'] : [],
            profiles,
            unpaginated: true,
          });
    const monthToDate = await this.monthToDateOf(scope, goal, indicator, today, profiles);
    const unit = INDICATOR_DEFINITIONS[indicator].unit;
    const monthOf = (start: string) => monthStartOf(start);
    const points = answer.points.map((p) => ({ month: monthOf(p.start), value: p.total.values.get(indicator)?.value ?? null }));
    const headline = projectGoal({ target: goal.target, deadline: goal.deadline, today, points, unit });
    const establishments: EstablishmentGoalProgress[] = [];
    if (perEstablishment) {
      const byUai = new Map<string, { name: string; points: { month: string; value: number | null }[] }>();
      for (const p of answer.points) {
        for (const cell of p.cells) {
          const { code, label } = cell.dimensions[0];
          const entry = byUai.get(code) ?? { name: label, points: [] };
          entry.points.push({ month: monthOf(p.start), value: cell.values.get(indicator)?.value ?? null });
          byUai.set(code, entry);
        }
      }
      for (const [uai, e] of [...byUai].sort((a, b) => a[0].localeCompare(b[0]))) {
        establishments.push({ uai, name: e.name, ...projectGoal({ target: goal.target, deadline: goal.deadline, today, points: e.points, unit }) });
      }
    }
    const counts = new Map<GoalStatus, number>();
    for (const e of establishments) counts.set(e.status, (counts.get(e.status) ?? 0) + 1);
    return { goal, points, monthToDate, ...headline, establishments, statusCounts: [...counts].map(([status, count]) => ({ status, count })) };
  }

  private async monthToDateOf(scope: TerritorialScope, goal: GoalEntity, indicator: Indicator, today: string, profiles: Profile[] | undefined): Promise<GoalMonthToDate | null> {
    if (today !== this.realToday() || today < goal.startOn || today > goal.deadline) return null;
    const territories = territoriesOfGoal(goal);
    const from = maxDay(monthStartOf(today), goal.startOn);
    const answer = await this.adoption.adoption(scope, {
      territory: territories[0],
      territories,
      from,
      to: today,
      interval: 'none',
      indicators: [indicator],
      groupBy: [],
      profiles,
      unpaginated: true,
    });
    return { from, to: today, value: answer.points[0]?.total.values.get(indicator)?.value ?? null };
  }
}
