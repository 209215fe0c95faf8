import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { ScopedTerritory } from '../../scope/scope.service';
import { normaliseDepartementCode } from '../reference/administrative-divisions';
import type { TerritoryRefInput } from '../dtos/inputs/territory-ref.input';

const COLUMN_OF_LEVEL: Record<TerritoryRefInput['level'], string> = {
  region: 'region_code',
  academie: 'academie_code',
  departement: 'departement_code',
  commune: 'commune_code',
  etablissement: 'uai',
};

/** A territory argument in the catalog's code form (`070` → `70`, upper-case UAI). */
export function territoryOf(ref: TerritoryRefInput): ScopedTerritory {
  const code = ref.code.trim().toUpperCase();
  return { level: ref.level, code: ref.level === 'departement' ? (normaliseDepartementCode(code) ?? code) : code };
}

/** Limits an establishment alias to one territory (a filter the caller chose; the scope is applied separately). */
export function applyTerritoryFilter<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, territory: ScopedTerritory): SelectQueryBuilder<T> {
  if (territory.level === 'national') return query;
  return query.andWhere(`${alias}.${COLUMN_OF_LEVEL[territory.level]} = :territoryCode`, { territoryCode: territory.code });
}
