import { uaiProblem } from '@ent/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { DeploymentDto } from '../dtos/deployment.dto';
import type { DeploymentFilterInput, SetDeploymentInput } from '../dtos/inputs/deployment.input';
import { DeploymentEntity, type DeploymentStatus } from '../entities/deployment.entity';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { CatalogInputError } from '../errors/catalog-errors';
import { deploymentProblems } from '../utils/deployment-rules.util';
import { applyTerritoryFilter, territoryOf } from '../utils/territory-filter.util';

@Injectable()
export class DeploymentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  async list(scope: TerritorialScope, filter: DeploymentFilterInput = {}): Promise<DeploymentDto[]> {
    const query = this.dataSource.getRepository(DeploymentEntity).createQueryBuilder('d').innerJoin('establishment', 'e', 'e.uai = d.uai');
    if (filter.territory) {
      const territory = territoryOf(filter.territory);
      await this.scopes.assertCovers(scope, [territory]);
      applyTerritoryFilter(query, 'e', territory);
    }
    if (filter.status) query.andWhere('d.status = :status', { status: filter.status });
    this.scopes.applyToEstablishments(query, scope, 'e');
    return query.orderBy('d.opened_on', 'ASC').addOrderBy('d.uai', 'ASC').getMany();
  }

  /** Creates or replaces the deployment entry of an establishment of the scope. */
  async set(scope: TerritorialScope, input: SetDeploymentInput): Promise<DeploymentDto> {
    const uai = input.uai.trim().toUpperCase();
    const problem = uaiProblem(uai);
    if (problem) throw new CatalogInputError('uai', problem);
    if (!(await this.dataSource.getRepository(EstablishmentEntity).existsBy({ uai }))) throw this.scopes.missing(scope, `establishment ${uai}`);
    await this.scopes.assertCovers(scope, [{ level: 'etablissement', code: uai }]);
    const entry: DeploymentEntity = { uai, status: input.status as DeploymentStatus, openedOn: input.openedOn ?? null, wave: input.wave ?? null };
    const problems = deploymentProblems(entry);
    if (problems.length) throw new CatalogInputError(problems[0].field, problems[0].reason, problems);
    await this.dataSource.getRepository(DeploymentEntity).save(entry);
    return entry;
  }
}
