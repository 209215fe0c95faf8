import type { Indicator, Profile } from '@ent/contracts';
import type { ScopedTerritory } from '../scope/scope.service';
import type { TerritorialScope } from '../scope/territorial-scope';
import type { AdoptionService, CellValue } from './adoption.service';
import { addDays, addMonths, maxDay, monthEndOf, monthStartOf, parisToday } from './periods/calendar-days.util';
import { analyticsDayBounds, assertDayArgument } from './periods/day-bounds.util';

export interface CohortPoint {
  wave: string;
  waveLabel: string;
  monthsSinceOpening: number;
  value: CellValue;
}

/**
 * Deployment cohorts: an indicator by wave and by months since each establishment opened its ENT,
 * so pilots and later waves compare at equal age. Read from monthly rollups over the period (by
 * default the 3 years before the last complete month): the month of age k of an establishment is
 * its opening month + k, different for each establishment of a wave.
 */
export class DeploymentCohortsService {
  constructor(private readonly adoption: AdoptionService) {}

  async cohorts(scope: TerritorialScope, territory: ScopedTerritory, indicator: Indicator, today: string, profile?: Profile): Promise<CohortPoint[]> {
    assertDayArgument('today', today, analyticsDayBounds(parisToday()));
    const to = monthEndOf(today) === today ? today : addDays(monthStartOf(today), -1);
    const from = maxDay(addMonths(monthStartOf(to), -35), '2000-01-01');
    const answer = await this.adoption.adoption(scope, {
      territory,
      from,
      to: maxDay(from, to),
      interval: 'none',
      indicators: [indicator],
      groupBy: ['wave', 'months_since_opening'],
      profiles: profile ? [profile] : undefined,
      cohort: true,
      unpaginated: true,
    });
    return (answer.points[0]?.cells ?? [])
      .map((c) => ({
        wave: c.dimensions[0].code,
        waveLabel: c.dimensions[0].label,
        monthsSinceOpening: Number(c.dimensions[1].code),
        value: c.values.get(indicator) as CellValue,
      }))
      .filter((p) => p.monthsSinceOpening >= 0)
      .sort((a, b) => a.wave.localeCompare(b.wave) || a.monthsSinceOpening - b.monthsSinceOpening);
  }
}
