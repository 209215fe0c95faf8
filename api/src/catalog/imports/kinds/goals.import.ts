import { GoalEntity, type GoalAggregation, type GoalScopeLevel } from '../../entities/goal.entity';
import { parseDecimal } from '../../utils/cell-parsers.util';
import { goalProblems, goalTerritories, goalTerritoryKey, normaliseScopeCodes, type GoalDraft, type GoalField } from '../../utils/goal-rules.util';
import { checkTerritories, type ImportKindDefinition } from '../import-kind';

const COLUMN_OF: Record<GoalField, string> = {
  name: 'name',
  indicator: 'indicator',
  profile: 'profile',
  scopeLevel: 'scopeLevel',
  scopeCodes: 'scopeCodes',
  aggregation: 'aggregation',
  target: 'target',
  startOn: 'startOn',
  deadline: 'deadline',
};

/**
 * `name;indicator;profile;scope_level;scope_codes;target;start_on;deadline;aggregation`; a goal is
 * identified by its name within its territory (scope level and codes).
 */
export const goalsImport: ImportKindDefinition<GoalDraft, GoalEntity> = {
  kind: 'goals',
  keyDescription: 'name, scope_level and scope_codes',
  columns: [
    { key: 'name', names: ['name'], required: true },
    { key: 'indicator', names: ['indicator'], required: true },
    { key: 'profile', names: ['profile'], required: false },
    { key: 'scopeLevel', names: ['scope_level'], required: true },
    { key: 'scopeCodes', names: ['scope_codes'], required: true },
    { key: 'target', names: ['target'], required: true },
    { key: 'startOn', names: ['start_on'], required: true },
    { key: 'deadline', names: ['deadline'], required: true },
    { key: 'aggregation', names: ['aggregation'], required: false },
  ],

  parseRow(row) {
    const scopeLevel = row.get('scopeLevel').toLowerCase() as GoalScopeLevel;
    const target = parseDecimal(row.get('target'));
    if (target.problem !== undefined) return { problems: [{ column: row.column('target'), reason: target.problem }] };
    const goal: GoalDraft = {
      name: row.get('name'),
      indicator: row.get('indicator').toLowerCase(),
      profile: row.get('profile').toLowerCase() || null,
      scopeLevel,
      scopeCodes: normaliseScopeCodes(scopeLevel, row.get('scopeCodes').split(/[\s,]+/)),
      aggregation: (row.get('aggregation').toLowerCase() || 'territory') as GoalAggregation,
      target: target.value,
      startOn: row.get('startOn'),
      deadline: row.get('deadline'),
    };
    const problems = goalProblems(goal).map((p) => ({ column: row.column(COLUMN_OF[p.field]), reason: p.reason }));
    return problems.length ? { problems } : { record: goal };
  },

  checkStore: (context, lines) => checkTerritories(context, lines, goalTerritories, 'scopeCodes'),

  target: {
    entity: GoalEntity,
    keyOf: (g) => `${goalTerritoryKey(g)}|${g.name}`,
    keyOfEntity: (e) => `${goalTerritoryKey(e)}|${e.name}`,
    // `scope_codes` is stored as TypeORM's simple-array, the codes joined by commas.
    where: (g) => ({ name: g.name, scopeLevel: g.scopeLevel, scopeCodes: g.scopeCodes.join(',') }),
    values: (g) => ({ ...g }),
  },
};
