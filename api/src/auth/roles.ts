import { TERRITORY_LEVELS, type TerritoryLevel } from '@ent/contracts';
import type { TerritoryRef } from '../scope/territorial-scope';

export type { TerritoryRef };

/**
 * Who may see what. Elected councillors see only their département and only aggregates; the
 * rectorate sees its académie; a project manager sees the territories of their list; an
 * establishment head sees one establishment. Nobody sees a person.
 */
export const ROLES = ['admin', 'councillor', 'rectorate', 'project_manager', 'establishment_head'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles whose mandate is aggregates of one territory (DOMAIN.md): they read calendar periods only
 * and the default regularity rule, so that differences of nested periods or of thresholds cannot
 * single out a few people (api/src/analytics/README.md, "Statistical secrecy").
 */
export const AGGREGATE_ONLY_ROLES: readonly Role[] = ['councillor', 'establishment_head'];

/** Why a set of territories does not fit a role, or undefined when it does. */
export function roleTerritoriesProblem(role: Role, territories: readonly TerritoryRef[]): string | undefined {
  for (const t of territories) {
    if (!TERRITORY_LEVELS.includes(t.level)) return `unknown territory level "${t.level}"`;
    if (!t.code?.trim()) return 'a territory code is empty';
  }
  const only = (level: TerritoryLevel, what: string) =>
    territories.length === 1 && territories[0].level === level ? undefined : `a ${what} has exactly one ${level}`;
  switch (role) {
    case 'admin':
      return territories.length === 0 ? undefined : 'an administrator has the national scope (no territory)';
    case 'councillor':
      return only('departement', 'councillor');
    case 'rectorate':
      return only('academie', 'rectorate account');
    case 'establishment_head':
      return only('etablissement', 'establishment head');
    case 'project_manager':
      return territories.length > 0 ? undefined : 'a project manager has at least one territory';
  }
}
