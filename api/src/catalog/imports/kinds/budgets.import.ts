import { BudgetEntity, type BudgetLabel } from '../../entities/budget.entity';
import { parseDecimal } from '../../utils/cell-parsers.util';
import { budgetProblems, budgetTerritory, normaliseBudgetTerritoryCode, type BudgetDraft } from '../../utils/budget-rules.util';
import { checkTerritories, type ImportKindDefinition } from '../import-kind';

/** `territory_level;territory_code;school_year;label;amount;description`: one line per territory, school year and label. */
export const budgetsImport: ImportKindDefinition<BudgetDraft, BudgetEntity> = {
  kind: 'budgets',
  keyDescription: 'territory_level, territory_code, school_year and label',
  columns: [
    { key: 'territoryLevel', names: ['territory_level'], required: true },
    { key: 'territoryCode', names: ['territory_code'], required: true },
    { key: 'schoolYear', names: ['school_year'], required: true },
    { key: 'label', names: ['label'], required: true },
    { key: 'amount', names: ['amount'], required: true },
    { key: 'description', names: ['description'], required: false },
  ],

  parseRow(row) {
    // French spreadsheets write 245 000,50: spaces (also non-breaking) are thousands separators.
    const amount = parseDecimal(row.get('amount').replace(/[\s\u00a0\u202f]/g, ''));
    if (amount.problem !== undefined) return { problems: [{ column: row.column('amount'), reason: amount.problem }] };
    const territoryLevel = row.get('territoryLevel').toLowerCase();
    const budget: BudgetDraft = {
      territoryLevel,
      territoryCode: normaliseBudgetTerritoryCode(territoryLevel, row.get('territoryCode')),
      schoolYear: row.get('schoolYear'),
      label: row.get('label').toLowerCase() as BudgetLabel,
      amount: amount.value,
      description: row.get('description') || null,
    };
    const problems = budgetProblems(budget).map((p) => ({ column: row.column(p.field), reason: p.reason }));
    return problems.length ? { problems } : { record: budget };
  },

  checkStore: (context, lines) => checkTerritories(context, lines, (b) => [budgetTerritory(b)], 'territoryCode'),

  target: {
    entity: BudgetEntity,
    keyOf: (b) => `${b.territoryLevel}:${b.territoryCode}:${b.schoolYear}:${b.label}`,
    keyOfEntity: (e) => `${e.territoryLevel}:${e.territoryCode}:${e.schoolYear}:${e.label}`,
    where: (b) => ({ territoryLevel: b.territoryLevel, territoryCode: b.territoryCode, schoolYear: b.schoolYear, label: b.label }),
    values: (b) => ({ ...b }),
  },
};
