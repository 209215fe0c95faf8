import type { ScopedTerritory } from '../../scope/scope.service';
import { BUDGET_LABELS, type BudgetEntity } from '../entities/budget.entity';
import { normaliseDepartementCode } from '../reference/administrative-divisions';
import { parseSchoolYear } from './cell-parsers.util';

export type BudgetDraft = Omit<BudgetEntity, 'id'>;
export type BudgetField = keyof BudgetDraft;

export const BUDGET_TERRITORY_LEVELS = ['region', 'academie', 'departement', 'commune', 'etablissement'] as const;

export function normaliseBudgetTerritoryCode(level: string, code: string): string {
  const value = code.trim().toUpperCase();
  return level === 'departement' ? (normaliseDepartementCode(value) ?? value) : value;
}

/** What is wrong with a budget line, field by field (shared by the import and the mutation). */
export function budgetProblems(b: BudgetDraft): { field: BudgetField; reason: string }[] {
  const problems: { field: BudgetField; reason: string }[] = [];
  const add = (field: BudgetField, reason: string) => problems.push({ field, reason });
  if (!(BUDGET_TERRITORY_LEVELS as readonly string[]).includes(b.territoryLevel)) {
    add('territoryLevel', `"${b.territoryLevel}" is not one of ${BUDGET_TERRITORY_LEVELS.join(', ')}`);
  }
  if (!b.territoryCode) add('territoryCode', 'the territory code is empty');
  const year = parseSchoolYear(b.schoolYear);
  if (year.problem !== undefined) add('schoolYear', year.problem);
  if (!(BUDGET_LABELS as readonly string[]).includes(b.label)) add('label', `"${b.label}" is not one of ${BUDGET_LABELS.join(', ')}`);
  if (!Number.isFinite(b.amount) || b.amount < 0) add('amount', 'the amount is a number of euros of at least 0');
  else if (Math.round(b.amount * 100) !== b.amount * 100) add('amount', 'the amount has more than 2 decimals');
  else if (b.amount >= 1e12) add('amount', 'the amount is too large');
  if (b.description && b.description.length > 300) add('description', 'the description is longer than 300 characters');
  return problems;
}

export function budgetTerritory(b: Pick<BudgetDraft, 'territoryLevel' | 'territoryCode'>): ScopedTerritory {
  return { level: b.territoryLevel as ScopedTerritory['level'], code: b.territoryCode };
}
