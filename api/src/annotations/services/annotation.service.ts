import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { EstablishmentEntity } from '../../catalog/entities/establishment.entity';
import { CatalogInputError } from '../../catalog/errors/catalog-errors';
import { ScopeService, type ScopedTerritory } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { AnnotationDto } from '../dtos/annotation.dto';
import type { AnnotationInput } from '../dtos/inputs/annotation.input';
import { AnnotationEntity, type AnnotationKind, type AnnotationTerritoryLevel } from '../entities/annotation.entity';
import {
  annotationProblems,
  annotationTerritory,
  appliesTo,
  normaliseTerritory,
  normaliseTerritoryCode,
  periodProblems,
  territoryKey,
  type AnnotationDraft,
} from '../utils/annotation-rules.util';

export interface AnnotationFilter {
  /** Only the notes that apply to it: on it, on a territory containing it, or inside it. */
  territory?: ScopedTerritory;
  /** `YYYY-MM-DD`: only notes ending on or after this day. */
  from?: string;
  /** `YYYY-MM-DD`: only notes starting on or before this day. */
  to?: string;
}

/**
 * Dated notes on territories and establishments. Every read keeps only the notes whose territory
 * lies inside the caller's scope; every write checks the note's territory exists and lies inside
 * it (through `ScopeService`, as the catalog does).
 *
 * The table is small (a few notes per territory and year): reads take every note of the period in
 * one query and filter them here, plus at most one query for the establishments they name — never
 * one query per note — so `touching` can be called for every series of an answer.
 */
@Injectable()
export class AnnotationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  private get repository() {
    return this.dataSource.getRepository(AnnotationEntity);
  }

  /** Notes inside the scope, limited to a period and to those applying to `filter.territory` when given. */
  async list(scope: TerritorialScope, filter: AnnotationFilter = {}): Promise<AnnotationDto[]> {
    throwFirst(periodProblems(filter.from, filter.to));
    let territory: ScopedTerritory | undefined;
    if (filter.territory) {
      territory = normaliseTerritory(filter.territory);
      // The scope first: outside it, an unknown territory and someone else's get the same answer.
      await this.scopes.assertCovers(scope, [territory]);
      if (!(await this.scopes.chainOf(territory))) throw new CatalogInputError('territory', `unknown ${territory.level} ${territory.code}`);
    }
    return this.keep(scope, await this.read(filter.from, filter.to), territory);
  }

  /**
   * The notes to show with a series of `territory` over `[from, to]` (inclusive `YYYY-MM-DD`): those
   * whose period meets it and which are on the territory, on a territory containing it or inside
   * it — only those inside the caller's scope. Oldest first. The analytics call it for every series.
   */
  async touching(scope: TerritorialScope, territory: ScopedTerritory, from: string, to: string): Promise<AnnotationDto[]> {
    throwFirst(periodProblems(from, to));
    return this.keep(scope, await this.read(from, to), normaliseTerritory(territory));
  }

  async create(scope: TerritorialScope, userId: string | null | undefined, input: AnnotationInput): Promise<AnnotationDto> {
    const draft = await this.validated(scope, input);
    return this.repository.save(this.repository.create({ ...draft, createdBy: userId ?? null, createdAt: new Date() }));
  }

  /** Replaces what a note says and where it applies; who wrote it and when stay. */
  async update(scope: TerritorialScope, id: number, input: AnnotationInput): Promise<AnnotationDto> {
    const current = await this.visible(scope, id);
    const draft = await this.validated(scope, input);
    return this.repository.save({ ...current, ...draft });
  }

  async delete(scope: TerritorialScope, id: number): Promise<boolean> {
    const current = await this.visible(scope, id);
    await this.repository.delete({ id: current.id });
    return true;
  }

  /** Notes whose period meets `[from, to]` (ISO text compares as dates), oldest first. */
  private read(from?: string, to?: string): Promise<AnnotationEntity[]> {
    const query = this.repository.createQueryBuilder('a').orderBy('a.startsOn', 'ASC').addOrderBy('a.endsOn', 'ASC').addOrderBy('a.id', 'ASC');
    if (from !== undefined) query.andWhere('a.endsOn >= :from', { from });
    if (to !== undefined) query.andWhere('a.startsOn <= :to', { to });
    return query.getMany();
  }

  /**
   * The notes inside the scope (and applying to `territory` when given). A note on a territory
   * containing the caller's (an académie-wide note for a councillor, a national one for anyone but
   * a national caller) is not shown: it was written for the people of that wider territory and may
   * name places and facts outside the caller's scope.
   */
  private async keep(scope: TerritorialScope, notes: AnnotationEntity[], territory?: ScopedTerritory): Promise<AnnotationDto[]> {
    const places = notes.map(annotationTerritory);
    const chains = await this.chainsOf(territory ? [...places, territory] : places);
    const territoryChain = territory && (chains.get(territoryKey(territory)) ?? [territory]);
    return notes.filter((_, i) => {
      const chain = chains.get(territoryKey(places[i]));
      // A note on an establishment no longer in the catalog is only shown to national callers.
      const inScope = scope.kind === 'national' || (chain !== undefined && this.scopes.coversChain(scope, chain));
      return inScope && (!territoryChain || appliesTo(chain ?? [places[i]], territoryChain));
    });
  }

  /**
   * `ScopeService.chainOf` of each territory, with one query for all the establishments (chainOf
   * would read them one by one); the other levels are reference data, read without a query.
   */
  private async chainsOf(territories: readonly ScopedTerritory[]): Promise<Map<string, ScopedTerritory[] | undefined>> {
    const chains = new Map<string, ScopedTerritory[] | undefined>();
    const uais = [...new Set(territories.filter((t) => t.level === 'etablissement').map((t) => t.code))];
    if (uais.length) {
      for (const e of await this.dataSource.getRepository(EstablishmentEntity).findBy({ uai: In(uais) })) {
        // The same chain as ScopeService.chainOf for an establishment.
        chains.set(territoryKey({ level: 'etablissement', code: e.uai }), [
          { level: 'etablissement', code: e.uai },
          { level: 'commune', code: e.communeCode },
          { level: 'departement', code: e.departementCode },
          { level: 'academie', code: e.academieCode },
          { level: 'region', code: e.regionCode },
        ]);
      }
    }
    for (const t of territories) {
      if (t.level !== 'etablissement' && !chains.has(territoryKey(t))) chains.set(territoryKey(t), await this.scopes.chainOf(t));
    }
    return chains;
  }

  /** A note the caller may change: it exists and its territory lies inside the scope. */
  private async visible(scope: TerritorialScope, id: number): Promise<AnnotationEntity> {
    const note = await this.repository.findOneBy({ id });
    if (!note) throw this.scopes.missing(scope, `annotation ${id}`);
    await this.scopes.assertCovers(scope, [annotationTerritory(note)]);
    return note;
  }

  private async validated(scope: TerritorialScope, input: AnnotationInput): Promise<AnnotationDraft> {
    const territoryLevel = input.territoryLevel.trim().toLowerCase() as AnnotationTerritoryLevel;
    const draft: AnnotationDraft = {
      territoryLevel,
      territoryCode: normaliseTerritoryCode(territoryLevel, input.territoryCode),
      startsOn: input.startsOn.trim(),
      endsOn: input.endsOn.trim(),
      kind: input.kind.trim().toLowerCase() as AnnotationKind,
      text: input.text.trim(),
    };
    throwFirst(annotationProblems(draft));
    const territory = annotationTerritory(draft);
    await this.scopes.assertCovers(scope, [territory]);
    if (!(await this.scopes.chainOf(territory))) throw new CatalogInputError('territoryCode', `unknown ${territory.level} ${territory.code}`);
    return draft;
  }
}

function throwFirst(problems: readonly { field: string; reason: string }[]): void {
  if (problems.length) throw new CatalogInputError(problems[0].field, problems[0].reason, [...problems]);
}
