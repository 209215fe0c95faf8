import { Inject, Injectable } from '@nestjs/common';
import { PROFILES } from '@ent/contracts';
import type { AppConfig } from '@ent/config';
import { DataSource } from 'typeorm';
import { atomKey, CanonicalTable } from '../../analytics/secrecy/canonical-table';
import { APP_CONFIG } from '../../config/app-config.provider';
import { ScopeService } from '../../scope/scope.service';
import type { TerritorialScope } from '../../scope/territorial-scope';
import type { EnrolmentDto } from '../dtos/enrolment.dto';
import type { EnrolmentFilterInput } from '../dtos/inputs/enrolment-filter.input';
import { EnrolmentEntity } from '../entities/enrolment.entity';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { accountColumn, accountsOf } from '../utils/enrolment-accounts.util';
import { applyTerritoryFilter, territoryOf } from '../utils/territory-filter.util';

@Injectable()
export class EnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    const activated = await this.activatedAccountsTable(rows.map((n) => n.uai), filter.schoolYear);
    return rows.map((n) => ({
      uai: n.uai,
      schoolYear: n.schoolYear,
      pupils: n.pupils,
      families: n.families,
      teachers: n.teachers,
      staff: n.staff,
      accounts: accountsOf(n).map((a) => {
        // Activated accounts are people who used the ENT: published with the same secrecy as `adoption`.
        const reason = a.activated === null ? null : activated.hiddenReason(n.uai, a.profile);
        return { ...a, activated: reason ? null : a.activated, activatedSuppressed: reason !== null, activatedReason: reason };
      }),
    }));
  }

  /**
   * The canonical table of activated accounts (analytics/secrecy/canonical-table.ts) over every
   * establishment of the départements of these establishments, for the school year: the same
   * decision `adoption` takes for `accounts_activated`.
   */
  private async activatedAccountsTable(uais: readonly string[], schoolYear: string): Promise<CanonicalTable> {
    const establishments = new Map<string, string>();
    const counts = new Map<string, number>();
    if (uais.length) {
      const departements = await this.dataSource
        .getRepository(EstablishmentEntity)
        .createQueryBuilder('e')
        .select('DISTINCT e.departement_code', 'code')
        .where('e.uai IN (:...uais)', { uais: [...uais] })
        .getRawMany<{ code: string }>();
      const all = await this.dataSource
        .getRepository(EstablishmentEntity)
        .createQueryBuilder('e')
        .where('e.departement_code IN (:...codes)', { codes: departements.map((d) => d.code) })
        .getMany();
      for (const e of all) establishments.set(e.uai, e.departementCode);
      const enrolments = await this.dataSource
        .getRepository(EnrolmentEntity)
        .createQueryBuilder('n')
        .innerJoin('establishment', 'e', 'e.uai = n.uai')
        .where('n.school_year = :year', { year: schoolYear })
        .andWhere('e.departement_code IN (:...codes)', { codes: departements.map((d) => d.code) })
        .getMany();
      for (const n of enrolments) for (const p of PROFILES) counts.set(atomKey(n.uai, p), n[accountColumn(p, 'activated')] ?? 0);
    }
    return new CanonicalTable({ establishments, profiles: PROFILES, counts }, this.config.analytics.secrecy);
  }
}
