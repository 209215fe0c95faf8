import { In, type DataSource } from 'typeorm';
import { PROFILES, type Profile } from '@ent/contracts';
import { BudgetEntity } from '../../catalog/entities/budget.entity';
import { DeploymentEntity } from '../../catalog/entities/deployment.entity';
import { EnrolmentEntity } from '../../catalog/entities/enrolment.entity';
import { EstablishmentIpsEntity } from '../../catalog/entities/establishment-ips.entity';
import { EstablishmentEntity } from '../../catalog/entities/establishment.entity';
import { TerritoryEntity, type StoredTerritoryLevel } from '../../catalog/entities/territory.entity';

/** What the analytics need to know of an establishment (breakdowns, equity, cohorts). */
export interface EstablishmentFacts {
  uai: string;
  name: string;
  communeCode: string;
  communeName: string;
  departementCode: string;
  academieCode: string;
  regionCode: string;
  educationPrioritaire: 'REP' | 'REP+' | null;
  rural: boolean | null;
  wave: string | null;
  openedOn: string | null;
}

/** Potential users and accounts of one establishment for one school year (null = not provided). */
export interface EnrolmentFacts {
  uai: string;
  schoolYear: string;
  potential: Record<Profile, number | null>;
  families: number | null;
  accountsOpened: Record<Profile, number | null>;
  accountsActivated: Record<Profile, number | null>;
}

/**
 * Parents: the catalog holds enrolled families, not parents; the potential parents are the parent
 * accounts the ENT opened when it provides them. Profile `autre` has no enrolment.
 */
function toFacts(e: EnrolmentEntity): EnrolmentFacts {
  return {
    uai: e.uai,
    schoolYear: e.schoolYear,
    potential: { eleve: e.pupils, parent: e.accountsOpenedParent, enseignant: e.teachers, admin_vie_scol_tech: e.staff, autre: null },
    families: e.families,
    accountsOpened: {
      eleve: e.accountsOpenedEleve,
      parent: e.accountsOpenedParent,
      enseignant: e.accountsOpenedEnseignant,
      admin_vie_scol_tech: e.accountsOpenedAdminVieScolTech,
      autre: e.accountsOpenedAutre,
    },
    accountsActivated: {
      eleve: e.accountsActivatedEleve,
      parent: e.accountsActivatedParent,
      enseignant: e.accountsActivatedEnseignant,
      admin_vie_scol_tech: e.accountsActivatedAdminVieScolTech,
      autre: e.accountsActivatedAutre,
    },
  };
}

const CHUNK = 500;
async function inChunks<T>(keys: readonly string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < keys.length; i += CHUNK) out.push(...(await load(keys.slice(i, i + CHUNK))));
  return out;
}

/** Reads the relational catalog for the analytics (only `ScopeService` decides which UAIs). */
export class AnalyticsCatalogService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A number that grows with every change to the catalog or the annotations, by any writer
   * (triggers of migration 1763900000501): equal numbers, equal facts.
   */
  async revision(): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT revision FROM catalog_revision WHERE id = 1')) as { revision: number | string }[];
    return Number(row.revision);
  }

  /** Every establishment of the catalog (a national caller asking for the whole country). */
  async allUais(): Promise<string[]> {
    const rows = await this.dataSource.getRepository(EstablishmentEntity).find({ select: { uai: true }, order: { uai: 'ASC' } });
    return rows.map((r) => r.uai);
  }

  async establishments(uais: readonly string[]): Promise<EstablishmentFacts[]> {
    const rows = await inChunks(uais, (chunk) => this.dataSource.getRepository(EstablishmentEntity).findBy({ uai: In(chunk) }));
    const deployments = new Map(
      (await inChunks(uais, (chunk) => this.dataSource.getRepository(DeploymentEntity).findBy({ uai: In(chunk) }))).map((d) => [d.uai, d]),
    );
    return rows
      .map((e) => ({
        uai: e.uai,
        name: e.name,
        communeCode: e.communeCode,
        communeName: e.communeName,
        departementCode: e.departementCode,
        academieCode: e.academieCode,
        regionCode: e.regionCode,
        educationPrioritaire: e.educationPrioritaire,
        rural: e.rural,
        wave: deployments.get(e.uai)?.wave ?? null,
        openedOn: deployments.get(e.uai)?.status === 'planned' ? null : (deployments.get(e.uai)?.openedOn ?? null),
      }))
      .sort((a, b) => a.uai.localeCompare(b.uai));
  }

  async enrolments(uais: readonly string[], schoolYears: readonly string[]): Promise<EnrolmentFacts[]> {
    const rows = await inChunks(uais, (chunk) =>
      this.dataSource.getRepository(EnrolmentEntity).findBy({ uai: In(chunk), schoolYear: In([...schoolYears]) }),
    );
    return rows.map(toFacts);
  }

  /** The IPS of each establishment: the latest school year at or before `schoolYear`. */
  async ips(uais: readonly string[], schoolYear: string): Promise<Map<string, number>> {
    const rows = await inChunks(uais, (chunk) => this.dataSource.getRepository(EstablishmentIpsEntity).findBy({ uai: In(chunk) }));
    const best = new Map<string, EstablishmentIpsEntity>();
    for (const r of rows) {
      if (r.schoolYear > schoolYear) continue;
      const current = best.get(r.uai);
      if (!current || r.schoolYear > current.schoolYear) best.set(r.uai, r);
    }
    return new Map([...best].map(([uai, r]) => [uai, r.ips]));
  }

  /** Names of the territories of these levels, by `level:code` (no query when no level is asked). */
  async territoryNames(levels: readonly StoredTerritoryLevel[]): Promise<Map<string, string>> {
    if (!levels.length) return new Map();
    const rows = await this.dataSource.getRepository(TerritoryEntity).findBy({ level: In([...levels]) });
    return new Map(rows.map((t) => [`${t.level}:${t.code}`, t.name]));
  }

  async budgets(schoolYear: string): Promise<BudgetEntity[]> {
    return this.dataSource.getRepository(BudgetEntity).findBy({ schoolYear });
  }
}

export const ALL_PROFILES: readonly Profile[] = PROFILES;
