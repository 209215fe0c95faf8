import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { EnrolmentDto } from '../dtos/enrolment.dto';
import type { EnrolmentFilterInput } from '../dtos/inputs/enrolment-filter.input';
import { EnrolmentEntity } from '../entities/enrolment.entity';
import { accountsOf } from '../utils/enrolment-accounts.util';
import { applyTerritoryFilter, territoryOf } from '../utils/territory-filter.util';

@Injectable()
export class EnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
  ) {}

  /** Enrolments of a school year for the establishments of the scope (optionally one territory or a list of UAIs). */
  async list(scope: TerritorialScope, filter: EnrolmentFilterInput): Promise<EnrolmentDto[]> {
    const query = this.dataSource
      .getRepository(EnrolmentEntity)
      .createQueryBuilder('n')
      .innerJoin('establishment', 'e', 'e.uai = n.uai')
      .where('n.school_year = :year', { year: filter.schoolYear });
    if (filter.territory) {
      const territory = territoryOf(filter.territory);
      await this.scopes.assertCovers(scope, [territory]);
      applyTerritoryFilter(query, 'e', territory);
    }
    if (filter.uais?.length) {
      const uais = filter.uais.map((u) => u.trim().toUpperCase());
      await this.scopes.assertCovers(
        scope,
        uais.map((code) => ({ level: 'etablissement', code })),
      );
      query.andWhere('n.uai IN (:...uais)', { uais });
    }
    this.scopes.applyToEstablishments(query, scope, 'e');
    const rows = await query.orderBy('n.uai', 'ASC').getMany();
    return rows.map((n) => ({
      uai: n.uai,
      schoolYear: n.schoolYear,
      pupils: n.pupils,
      families: n.families,
      teachers: n.teachers,
      staff: n.staff,
      accounts: accountsOf(n),
    }));
  }
}
