import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeService, type ScopedTerritory } from '../../scope/scope.service';
import { OutOfScopeError, type TerritorialScope } from '../../scope/territorial-scope';
import type { TerritoryNodeDto } from '../dtos/territory-node.dto';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { TerritoryEntity } from '../entities/territory.entity';
import { CatalogInputError } from '../errors/catalog-errors';
import { ensureReferenceTerritories } from '../reference/seed-reference-territories';

const CHILD_LEVEL: Record<ScopedTerritory['level'], ScopedTerritory['level'] | undefined> = {
  national: 'region',
  region: 'academie',
  academie: 'departement',
  departement: 'commune',
  commune: 'etablissement',
  etablissement: undefined,
};

@Injectable()
export class TerritoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  /** Keeps régions, académies and départements in the store (idempotent, at start and before imports). */
  async ensureReference(): Promise<void> {
    await ensureReferenceTerritories(this.dataSource.manager);
  }

  /** The tree below a territory (national root when none is given), `depth` levels deep. */
  async tree(scope: TerritorialScope, root: ScopedTerritory | undefined, depth: number): Promise<TerritoryNodeDto> {
    if (depth < 0 || depth > 5) throw new CatalogInputError('depth', 'depth is between 0 and 5');
    const start = root ?? { level: 'national', code: 'FR' };
    if (!(await this.scopes.chainOf(start))) throw this.scopes.missing(scope, `${start.level} ${start.code}`);
    if (!(await this.scopes.covers(scope, start))) throw new OutOfScopeError(scope);
    const node = await this.node(start);
    if (!node) throw this.scopes.missing(scope, `${start.level} ${start.code}`);
    await this.fill(node, depth);
    return node;
  }

  private async node(t: ScopedTerritory): Promise<TerritoryNodeDto | undefined> {
    if (t.level === 'national') return { level: 'national', code: 'FR', name: 'France', holidayZone: null, children: [] };
    if (t.level === 'etablissement') {
      const e = await this.dataSource.getRepository(EstablishmentEntity).findOneBy({ uai: t.code });
      return e ? { level: 'etablissement', code: e.uai, name: e.name, holidayZone: null, children: [] } : undefined;
    }
    const row = await this.dataSource.getRepository(TerritoryEntity).findOneBy({ level: t.level, code: t.code });
    return row ? { level: row.level, code: row.code, name: row.name, holidayZone: row.holidayZone, children: [] } : undefined;
  }

  private async children(node: TerritoryNodeDto): Promise<TerritoryNodeDto[]> {
    const level = CHILD_LEVEL[node.level as ScopedTerritory['level']];
    if (!level) return [];
    if (level === 'etablissement') {
      const rows = await this.dataSource.getRepository(EstablishmentEntity).find({ where: { communeCode: node.code }, order: { uai: 'ASC' } });
      return rows.map((e) => ({ level, code: e.uai, name: e.name, holidayZone: null, children: [] }));
    }
    const where = node.level === 'national' ? { level: 'region' as const } : { parentLevel: node.level as TerritoryEntity['level'], parentCode: node.code, level: level as TerritoryEntity['level'] };
    const rows = await this.dataSource.getRepository(TerritoryEntity).find({ where, order: { code: 'ASC' } });
    return rows.map((t) => ({ level: t.level, code: t.code, name: t.name, holidayZone: t.holidayZone, children: [] }));
  }

  private async fill(node: TerritoryNodeDto, depth: number): Promise<void> {
    if (depth === 0) return;
    node.children = await this.children(node);
    for (const child of node.children) await this.fill(child, depth - 1);
  }
}

