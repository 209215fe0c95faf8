import { INDICATOR_DEFINITIONS, isIndicator, normaliseUai, PROFILES, uaiProblem } from '@ent/contracts';
import type { ScopedTerritory } from '../../scope/scope.service';
import { GOAL_AGGREGATIONS, GOAL_SCOPE_LEVELS, type GoalEntity } from '../entities/goal.entity';
import { normaliseDepartementCode } from '../reference/administrative-divisions';
import { parsePlanningDate } from './cell-parsers.util';

export type GoalDraft = Omit<GoalEntity, 'id'>;
export type GoalField = keyof GoalDraft;

/** Codes as the catalog stores them: INSEE département codes, upper-case UAIs, no duplicates. */
export function normaliseScopeCodes(level: string, codes: readonly string[]): string[] {
  const cleaned = codes.map((c) => c.trim()).filter(Boolean);
  const normalised = cleaned.map((c) =>
    level === 'etablissement' ? normaliseUai(c) : level === 'departement' ? (normaliseDepartementCode(c) ?? c.toUpperCase()) : c.toUpperCase(),
  );
  return [...new Set(normalised)];
}

/** What is wrong with a goal, field by field (shared by the import and the mutations). */
export function goalProblems(g: GoalDraft): { field: GoalField; reason: string }[] {
  const problems: { field: GoalField; reason: string }[] = [];
  const add = (field: GoalField, reason: string) => problems.push({ field, reason });
  if (!g.name.trim()) add('name', 'the name is empty');
  else if (g.name.length > 200) add('name', 'the name is longer than 200 characters');

  if (!isIndicator(g.indicator)) {
    const goalable = Object.values(INDICATOR_DEFINITIONS).filter((d) => d.goalable).map((d) => d.code);
    add('indicator', `unknown indicator "${g.indicator}" (expected one of ${goalable.join(', ')})`);
  } else {
    const definition = INDICATOR_DEFINITIONS[g.indicator];
    if (!definition.goalable) add('indicator', `${g.indicator} cannot carry a goal`);
    if (g.profile && definition.profile === 'none') add('profile', `${g.indicator} is not measured per profile`);
    if (!g.profile && definition.profile === 'required') add('profile', `${g.indicator} needs a profile (${PROFILES.join(', ')})`);
    if (definition.unit === 'percent' && (g.target < 0 || g.target > 100)) add('target', `a ${g.indicator} target is a percentage between 0 and 100`);
  }
  if (g.profile && !(PROFILES as readonly string[]).includes(g.profile)) add('profile', `unknown profile "${g.profile}" (expected ${PROFILES.join(', ')})`);
  if (!Number.isFinite(g.target) || g.target < 0) add('target', 'the target is a number of at least 0');

  if (!(GOAL_SCOPE_LEVELS as readonly string[]).includes(g.scopeLevel)) {
    add('scopeLevel', `"${g.scopeLevel}" is not one of ${GOAL_SCOPE_LEVELS.join(', ')}`);
  } else if (g.scopeLevel === 'national') {
    if (g.scopeCodes.length) add('scopeCodes', 'a national goal names no territory');
  } else if (!g.scopeCodes.length) {
    add('scopeCodes', `name at least one ${g.scopeLevel}`);
  } else if (g.scopeLevel === 'etablissement') {
    for (const uai of g.scopeCodes) {
      const problem = uaiProblem(uai);
      if (problem) add('scopeCodes', `"${uai}": ${problem}`);
    }
  }
  if (!(GOAL_AGGREGATIONS as readonly string[]).includes(g.aggregation)) {
    add('aggregation', `"${g.aggregation}" is not one of ${GOAL_AGGREGATIONS.join(', ')}`);
  }
  const start = parsePlanningDate(g.startOn);
  if (start.problem !== undefined) add('startOn', start.problem);
  const deadline = parsePlanningDate(g.deadline);
  if (deadline.problem !== undefined) add('deadline', deadline.problem);
  if (start.value && deadline.value && deadline.value <= start.value) add('deadline', `the deadline ${g.deadline} is not after the start ${g.startOn}`);
  return problems;
}

/** The territories a goal covers (checked to exist and to lie inside the caller's scope). */
/** What a goal's name is unique within: its level and codes as stored (`departement|70`). */
export function goalTerritoryKey(g: Pick<GoalDraft, 'scopeLevel' | 'scopeCodes'>): string {
  return `${g.scopeLevel}|${g.scopeCodes.join(',')}`;
}

export function goalTerritories(g: Pick<GoalDraft, 'scopeLevel' | 'scopeCodes'>): ScopedTerritory[] {
  if (g.scopeLevel === 'national') return [{ level: 'national', code: 'FR' }];
  return g.scopeCodes.map((code) => ({ level: g.scopeLevel as Exclude<GoalDraft['scopeLevel'], 'national'>, code }));
}
