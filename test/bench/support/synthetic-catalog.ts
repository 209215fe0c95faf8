import { PROFILES, uaiKeyLetter, type Profile } from '@ent/contracts';
import type { DataSource } from 'typeorm';
import { DeploymentEntity } from '../../../api/src/catalog/entities/deployment.entity';
import { EnrolmentEntity } from '../../../api/src/catalog/entities/enrolment.entity';
import { EstablishmentIpsEntity } from '../../../api/src/catalog/entities/establishment-ips.entity';
import { EstablishmentEntity } from '../../../api/src/catalog/entities/establishment.entity';
import { academieOfDepartement } from '../../../api/src/catalog/reference/academies';
import { ensureCommunes, ensureReferenceTerritories } from '../../../api/src/catalog/reference/seed-reference-territories';

/**
 * A synthetic catalog for the query benchmark: establishments spread over a few départements, each
 * with a fixed population of people per profile (the people who produce events), education
 * prioritaire flags, and enrolments (potential users, families) a little above those populations,
 * since some enrolled people never use the ENT.
 */
export interface SyntheticEstablishment {
  uai: string;
  name: string;
  departementCode: string;
  academieCode: string;
  regionCode: string;
  communeCode: string;
  communeName: string;
  educationPrioritaire: 'REP' | 'REP+' | null;
  rural: boolean;
  ips: number;
  /** People who may produce events, per profile. */
  people: Record<Profile, number>;
  /** Households of the parents above (about 1.6 parents each). */
  families: number;
  /** Index of this establishment's first person in the global numbering. */
  firstPerson: number;
}

export interface SyntheticCatalog {
  establishments: SyntheticEstablishment[];
  people: number;
}

/** Share of each profile among an establishment's people. */
const PROFILE_SHARE: Record<Profile, number> = { eleve: 0.58, parent: 0.31, enseignant: 0.06, admin_vie_scol_tech: 0.03, autre: 0.02 };

/** Small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
}

export function syntheticCatalog(options: { departements: readonly string[]; establishmentsPerDepartement: number; people: number; seed?: number }): SyntheticCatalog {
  const rnd = random(options.seed ?? 42);
  const communes: RawCommune[] = require('@etalab/decoupage-administratif/data/communes.json');
  const drafts: Omit<SyntheticEstablishment, 'people' | 'families' | 'firstPerson'>[] = [];
  const weights: number[] = [];
  for (const dep of options.departements) {
    const academie = academieOfDepartement(dep);
    if (!academie) throw new Error(`no académie for département ${dep}`);
    const inDep = communes.filter((c) => c.type === 'commune-actuelle' && c.departement === dep);
    for (let i = 0; i < options.establishmentsPerDepartement; i++) {
      const commune = inDep[Math.floor(rnd() * inDep.length)];
      const digits = `${dep.padStart(3, '0')}${String(5000 + i).padStart(4, '0')}`;
      const n = drafts.length;
      drafts.push({
        uai: `${digits}${uaiKeyLetter(digits)}`,
        name: `${i % 4 === 0 ? 'Lycée' : 'Collège'} de ${commune.nom} ${i + 1}`,
        departementCode: dep,
        academieCode: academie.code,
        regionCode: academie.regionCode,
        communeCode: commune.code,
        communeName: commune.nom,
        educationPrioritaire: n % 7 === 3 ? 'REP+' : n % 5 === 1 ? 'REP' : null,
        rural: n % 3 === 0,
        ips: Math.round((80 + rnd() * 45) * 10) / 10,
      });
      weights.push(0.4 + rnd() * 1.6);
    }
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let firstPerson = 0;
  const establishments = drafts.map((d, i): SyntheticEstablishment => {
    const size = i === drafts.length - 1 ? options.people - firstPerson : Math.round((options.people * weights[i]) / totalWeight);
    const people = Object.fromEntries(PROFILES.map((p) => [p, Math.floor(size * PROFILE_SHARE[p])])) as Record<Profile, number>;
    people.eleve += size - PROFILES.reduce((s, p) => s + people[p], 0);
    const e = { ...d, people, families: Math.max(1, Math.round(people.parent / 1.6)), firstPerson };
    firstPerson += size;
    return e;
  });
  return { establishments, people: options.people };
}

/** One row per person of the catalog, for `bench_people` (keys are derived in ClickHouse). */
export function* peopleRows(catalog: SyntheticCatalog): Generator<{ person: number; uai: string; profile: Profile; family_index: number }> {
  for (const e of catalog.establishments) {
    let person = e.firstPerson;
    for (const profile of PROFILES) {
      for (let j = 0; j < e.people[profile]; j++) {
        // Parents are grouped into households: about 1.6 parents per family key.
        const family_index = profile === 'parent' ? Math.floor((j * e.families) / e.people.parent) : -1;
        yield { person: person++, uai: e.uai, profile, family_index };
      }
    }
  }
}

/**
 * Writes the catalog: reference territories and communes, establishments, IPS, an open
 * deployment, and an enrolment for each school year given. Every profile but `autre` has a
 * potential (so usage rates are defined), every establishment has enrolled families.
 */
export async function writeSyntheticCatalog(dataSource: DataSource, catalog: SyntheticCatalog, schoolYears: readonly string[]): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await ensureReferenceTerritories(manager);
    await ensureCommunes(
      manager,
      catalog.establishments.map((e) => e.communeCode),
    );
    const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / 50) }, (_, i) => rows.slice(i * 50, i * 50 + 50));
    for (const rows of chunks(catalog.establishments)) {
      await manager.getRepository(EstablishmentEntity).insert(
        rows.map((e) => ({
          uai: e.uai,
          name: e.name,
          type: e.name.startsWith('Lycée') ? 'lycee' : 'college',
          sector: 'public',
          communeCode: e.communeCode,
          communeName: e.communeName,
          departementCode: e.departementCode,
          academieCode: e.academieCode,
          regionCode: e.regionCode,
          latitude: null,
          longitude: null,
          educationPrioritaire: e.educationPrioritaire,
          rural: e.rural,
        })),
      );
      await manager.getRepository(DeploymentEntity).insert(rows.map((e) => ({ uai: e.uai, status: 'open' as const, openedOn: '2020-09-01', wave: 'Vague 2020' })));
      for (const schoolYear of schoolYears) {
        await manager.getRepository(EstablishmentIpsEntity).insert(rows.map((e) => ({ uai: e.uai, schoolYear, ips: e.ips, standardDeviation: null })));
        await manager.getRepository(EnrolmentEntity).insert(
          rows.map((e) => {
            const opened = { eleve: e.people.eleve, parent: Math.round(e.people.parent * 1.1), enseignant: e.people.enseignant, admin_vie_scol_tech: e.people.admin_vie_scol_tech };
            return {
              uai: e.uai,
              schoolYear,
              pupils: Math.round(e.people.eleve * 1.12),
              families: Math.round(e.families * 1.15),
              teachers: Math.round(e.people.enseignant * 1.05),
              staff: Math.round(e.people.admin_vie_scol_tech * 1.1),
              accountsOpenedEleve: Math.round(opened.eleve * 1.1),
              accountsActivatedEleve: opened.eleve,
              accountsOpenedParent: opened.parent,
              accountsActivatedParent: e.people.parent,
              accountsOpenedEnseignant: Math.round(opened.enseignant * 1.05),
              accountsActivatedEnseignant: opened.enseignant,
              accountsOpenedAdminVieScolTech: Math.round(opened.admin_vie_scol_tech * 1.1),
              accountsActivatedAdminVieScolTech: opened.admin_vie_scol_tech,
              accountsOpenedAutre: null,
              accountsActivatedAutre: null,
            };
          }),
        );
      }
    }
  });
}
