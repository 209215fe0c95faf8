import type { TerritoryLevel } from '@ent/contracts';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { EstablishmentEntity } from '../catalog/entities/establishment.entity';
import { CatalogNotFoundError } from '../catalog/errors/catalog-errors';
import { ACADEMIES, academieByCode } from '../catalog/reference/academies';
import { allDepartements, communeByCode } from '../catalog/reference/administrative-divisions';
import { NATIONAL_SCOPE, OutOfScopeError, scopeOfTerritories, type TerritorialScope, type TerritoryRef } from './territorial-scope';

/** A territory, or the whole country (`national`, code `FR`). */
export interface ScopedTerritory {
  level: TerritoryLevel | 'national';
  code: string;
}

/** The UAIs a scope covers: every establishment (no filter), or exactly these. */
export type ScopeUais = { all: true } | { all: false; uais: string[] };

/**
 * THE place where a territorial scope is applied. Catalog resolvers pass the caller's scope here
 * for every read and write; analytics call `uaisInScope` to build `WHERE uai IN …`. A caller
 * outside its scope gets `OutOfScopeError` (FORBIDDEN), never data, and the same error for what
 * does not exist (`missing`).
 */
export class ScopeService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * SQL condition limiting rows of an establishment alias to the scope, or undefined for the national
   * scope (no condition). Parameter names are prefixed by the alias so several aliases can be scoped.
   */
  establishmentCondition(scope: TerritorialScope, alias: string): { sql: string; params: Record<string, string[]> } | undefined {
    if (scope.kind === 'national') return undefined;
    const parts: string[] = [];
    const params: Record<string, string[]> = {};
    const add = (column: string, values: readonly string[]) => {
      if (!values.length) return;
      const name = `scope_${alias}_${column}`;
      parts.push(`${alias}.${column} IN (:...${name})`);
      params[name] = [...values];
    };
    add('region_code', scope.regions);
    add('academie_code', scope.academies);
    add('departement_code', scope.departements);
    add('commune_code', scope.communes);
    add('uai', scope.uais);
    return { sql: parts.length ? `(${parts.join(' OR ')})` : '1 = 0', params };
  }

  /** Limits a query to the establishments of the scope; `alias` must be an `establishment` alias of the query. */
  applyToEstablishments<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: TerritorialScope, alias: string): SelectQueryBuilder<T> {
    const condition = this.establishmentCondition(scope, alias);
    return condition ? query.andWhere(condition.sql, condition.params) : query;
  }

  /** The establishments a scope covers, for analytics (`WHERE uai IN …`); `{ all: true }` for the national scope. */
  async uaisInScope(scope: TerritorialScope): Promise<ScopeUais> {
    if (scope.kind === 'national') return { all: true };
    const query = this.dataSource.getRepository(EstablishmentEntity).createQueryBuilder('e').select('e.uai', 'uai').orderBy('e.uai');
    const rows = await this.applyToEstablishments(query, scope, 'e').getRawMany<{ uai: string }>();
    return { all: false, uais: rows.map((r) => r.uai) };
  }

  /**
   * The territory and every territory containing it, smallest first, or undefined when it is unknown
   * (an establishment not in the catalog, a code that is no territory).
   */
  async chainOf(territory: ScopedTerritory): Promise<ScopedTerritory[] | undefined> {
    const { level, code } = territory;
    switch (level) {
      case 'national':
        return code === 'FR' ? [territory] : undefined;
      case 'etablissement': {
        const e = await this.dataSource.getRepository(EstablishmentEntity).findOneBy({ uai: code });
        if (!e) return undefined;
        return [
          territory,
          { level: 'commune', code: e.communeCode },
          { level: 'departement', code: e.departementCode },
          { level: 'academie', code: e.academieCode },
          { level: 'region', code: e.regionCode },
        ];
      }
      case 'commune': {
        const commune = communeByCode(code);
        const above = commune && (await this.chainOf({ level: 'departement', code: commune.departementCode }));
        return above && [territory, ...above];
      }
      case 'departement': {
        const departement = allDepartements().get(code);
        const above = departement && (await this.chainOf({ level: 'academie', code: departement.academieCode }));
        return above && [territory, ...above];
      }
      case 'academie': {
        const academie = academieByCode(code);
        return academie && [territory, { level: 'region', code: academie.regionCode }];
      }
      case 'region':
        // Régions of the tree are those holding an académie.
        return ACADEMIES.some((a) => a.regionCode === code) ? [territory] : undefined;
    }
  }

  /** Whether the territory lies inside the scope (itself or one of the territories containing it is in the scope). */
  async covers(scope: TerritorialScope, territory: ScopedTerritory): Promise<boolean> {
    if (scope.kind === 'national') return true;
    const chain = await this.chainOf(territory);
    return chain !== undefined && this.coversChain(scope, chain);
  }

  /** Whether one territory of a chain (a territory and those containing it) is in the scope. */
  coversChain(scope: TerritorialScope, chain: readonly ScopedTerritory[]): boolean {
    if (scope.kind === 'national') return true;
    const lists: Partial<Record<ScopedTerritory['level'], readonly string[]>> = {
      region: scope.regions,
      academie: scope.academies,
      departement: scope.departements,
      commune: scope.communes,
      etablissement: scope.uais,
    };
    return chain.some((t) => lists[t.level]?.includes(t.code) ?? false);
  }

  /**
   * Throws `OutOfScopeError` unless every territory lies inside the scope. An unknown territory is
   * never inside a territorial scope, so a caller gets the same answer for a territory of someone
   * else and for one that does not exist: check the scope BEFORE telling "unknown" apart.
   */
  async assertCovers(scope: TerritorialScope, territories: readonly ScopedTerritory[]): Promise<void> {
    for (const t of territories) {
      if (!(await this.covers(scope, t))) throw new OutOfScopeError(scope);
    }
  }

  /**
   * The answer for a record or territory asked by id or code that does not exist: "does not exist"
   * (NOT_FOUND) for a national caller, who may see everything; for anyone else exactly the answer
   * to something outside their scope (`OutOfScopeError`), so that existence cannot be probed.
   */
  missing(scope: TerritorialScope, what: string): Error {
    return scope.kind === 'national' ? new CatalogNotFoundError(what) : new OutOfScopeError(scope);
  }

  /** The scope made of these territories (to narrow a list to a territory with the same rules as the caller's scope). */
  territorialScopeOf(territories: readonly ScopedTerritory[]): TerritorialScope {
    if (territories.some((t) => t.level === 'national')) return NATIONAL_SCOPE;
    return scopeOfTerritories(territories as TerritoryRef[]);
  }

  /** The subset of `items` whose territories all lie inside the scope (for small tables read whole: goals, budgets). */
  async filterCovered<T>(scope: TerritorialScope, items: readonly T[], territoriesOf: (item: T) => ScopedTerritory[]): Promise<T[]> {
    if (scope.kind === 'national') return [...items];
    const kept: T[] = [];
    for (const item of items) {
      let inside = true;
      for (const t of territoriesOf(item)) if (!(await this.covers(scope, t))) inside = false;
      if (inside) kept.push(item);
    }
    return kept;
  }
}
