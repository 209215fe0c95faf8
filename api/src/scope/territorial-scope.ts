import type { TerritoryLevel } from '@ent/contracts';

/**
 * What a caller may see: the whole country, or a set of territories (any mix of régions,
 * académies, départements, communes and establishments). Every catalog resolver receives one and
 * hands it to `ScopeService`; analytics resolve it to UAIs with `ScopeService.uaisInScope`.
 */
export type TerritorialScope =
  | { kind: 'national' }
  | {
      kind: 'territories';
      regions: readonly string[];
      academies: readonly string[];
      departements: readonly string[];
      communes: readonly string[];
      uais: readonly string[];
    };

export const NATIONAL_SCOPE: TerritorialScope = Object.freeze({ kind: 'national' });

export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

/**
 * The scope of a list of territories (e.g. an account's territories). An empty list covers
 * nothing: only `NATIONAL_SCOPE` covers everything, so a missing territory never widens access.
 */
export function scopeOfTerritories(territories: readonly TerritoryRef[]): TerritorialScope {
  const of = (level: TerritoryLevel) => [...new Set(territories.filter((t) => t.level === level).map((t) => t.code.trim().toUpperCase()))];
  return {
    kind: 'territories',
    regions: of('region'),
    academies: of('academie'),
    departements: of('departement'),
    communes: of('commune'),
    uais: of('etablissement'),
  };
}

export function describeScope(scope: TerritorialScope): string {
  if (scope.kind === 'national') return 'national';
  const parts: string[] = [];
  if (scope.regions.length) parts.push(`région ${scope.regions.join(', ')}`);
  if (scope.academies.length) parts.push(`académie ${scope.academies.join(', ')}`);
  if (scope.departements.length) parts.push(`département ${scope.departements.join(', ')}`);
  if (scope.communes.length) parts.push(`commune ${scope.communes.join(', ')}`);
  if (scope.uais.length) parts.push(`establishment ${scope.uais.join(', ')}`);
  return parts.join('; ') || 'nothing';
}

/**
 * A request reached outside the caller's territorial scope, or for a territory, establishment or
 * record that does not exist: answered FORBIDDEN, never with data, and with the same message for
 * both, naming neither the object nor anything about it, so that a caller cannot learn which ids
 * and territories exist outside their scope. (National callers, who may see everything, are told
 * "does not exist" instead: `ScopeService.missing`.)
 */
export class OutOfScopeError extends Error {
  readonly code = 'FORBIDDEN';
  constructor(scope: TerritorialScope) {
    super(`not found within your territorial scope (${describeScope(scope)})`);
    this.name = 'OutOfScopeError';
  }
}
