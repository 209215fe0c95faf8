import { uaiProblem } from '@ent/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { EstablishmentConnectionDto, EstablishmentDto } from '../dtos/establishment.dto';
import type { EstablishmentFilterInput } from '../dtos/inputs/establishment-filter.input';
import { DeploymentEntity } from '../entities/deployment.entity';
import { EstablishmentIpsEntity } from '../entities/establishment-ips.entity';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { CatalogInputError } from '../errors/catalog-errors';
import { applyTerritoryFilter, territoryOf } from '../utils/territory-filter.util';
import { GRAPHQL_LIMITS } from '../../graphql/graphql-hardening';

const encodeCursor = (uai: string) => Buffer.from(`uai:${uai}`).toString('base64url');
function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!text.startsWith('uai:')) throw new CatalogInputError('after', 'not a cursor returned by this query');
  return text.slice(4);
}

@Injectable()
export class EstablishmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  /** Establishments of the scope matching the filter, by UAI, `first` at a time after the cursor. */
  async list(scope: TerritorialScope, filter: EstablishmentFilterInput = {}, first = 50, after?: string): Promise<EstablishmentConnectionDto> {
    if (!Number.isInteger(first) || first < 1 || first > GRAPHQL_LIMITS.maxPageSize) {
      throw new CatalogInputError('first', `first is between 1 and ${GRAPHQL_LIMITS.maxPageSize}`);
    }
    const query = this.dataSource.getRepository(EstablishmentEntity).createQueryBuilder('e');
    if (filter.territory) {
      const territory = territoryOf(filter.territory);
      await this.scopes.assertCovers(scope, [territory]);
      applyTerritoryFilter(query, 'e', territory);
    }
    this.scopes.applyToEstablishments(query, scope, 'e');
    if (filter.types?.length) query.andWhere('e.type IN (:...types)', { types: filter.types });
    if (filter.sector) query.andWhere('e.sector = :sector', { sector: filter.sector });
    if (filter.educationPrioritaire) query.andWhere('e.education_prioritaire = :ep', { ep: filter.educationPrioritaire });
    if (filter.rural !== undefined && filter.rural !== null) query.andWhere('e.rural = :rural', { rural: filter.rural });
    if (filter.search) query.andWhere('LOWER(e.name) LIKE :search', { search: `%${filter.search.toLowerCase()}%` });
    if (filter.deploymentStatus) {
      query.andWhere('EXISTS (SELECT 1 FROM deployment d WHERE d.uai = e.uai AND d.status = :status)', { status: filter.deploymentStatus });
    }
    const totalCount = await query.clone().getCount();
    if (after) query.andWhere('e.uai > :after', { after: decodeCursor(after) });
    const rows = await query.orderBy('e.uai', 'ASC').take(first + 1).getMany();
    const page = rows.slice(0, first);
    const nodes = await this.withDetails(page);
    return {
      edges: nodes.map((node) => ({ cursor: encodeCursor(node.uai), node })),
      pageInfo: { hasNextPage: rows.length > first, endCursor: page.length ? encodeCursor(page[page.length - 1].uai) : null },
      totalCount,
    };
  }

  async get(scope: TerritorialScope, uai: string): Promise<EstablishmentDto> {
    const code = uai.trim().toUpperCase();
    const problem = uaiProblem(code);
    if (problem) throw new CatalogInputError('uai', problem);
    const row = await this.dataSource.getRepository(EstablishmentEntity).findOneBy({ uai: code });
    if (!row) throw this.scopes.missing(scope, `establishment ${code}`);
    await this.scopes.assertCovers(scope, [{ level: 'etablissement', code }]);
    return (await this.withDetails([row]))[0];
  }

  /** IPS and deployment of a page of establishments, in two queries. */
  private async withDetails(rows: EstablishmentEntity[]): Promise<EstablishmentDto[]> {
    const uais = rows.map((r) => r.uai);
    if (!uais.length) return [];
    const ips = await this.dataSource.getRepository(EstablishmentIpsEntity).find({ where: { uai: In(uais) }, order: { schoolYear: 'DESC' } });
    const deployments = new Map((await this.dataSource.getRepository(DeploymentEntity).findBy({ uai: In(uais) })).map((d) => [d.uai, d]));
    return rows.map((r) => ({
      ...r,
      ips: ips.filter((i) => i.uai === r.uai).map((i) => ({ schoolYear: i.schoolYear, ips: i.ips, standardDeviation: i.standardDeviation })),
      deployment: deployments.get(r.uai) ?? null,
    }));
  }
}
