import { DEMO_ESTABLISHMENTS, demoEnrolment, demoYearShift, shiftDemoDate, type DemoEstablishment } from '@ent/demo';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { BudgetEntity } from '../entities/budget.entity';
import { DeploymentEntity } from '../entities/deployment.entity';
import { EnrolmentEntity } from '../entities/enrolment.entity';
import { EstablishmentIpsEntity } from '../entities/establishment-ips.entity';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { GoalEntity } from '../entities/goal.entity';
import { budgetsImport } from '../imports/kinds/budgets.import';
import { deploymentImport } from '../imports/kinds/deployment.import';
import { enrolmentsImport } from '../imports/kinds/enrolments.import';
import { goalsImport } from '../imports/kinds/goals.import';
import { ipsImport } from '../imports/kinds/ips.import';
import { upsertRecords, type UpsertCounts, type UpsertTarget } from '../imports/upsert.util';
import { academieOfDepartement } from '../reference/academies';
import { ensureCommunes, ensureReferenceTerritories } from '../reference/seed-reference-territories';
import type { BudgetDraft } from '../utils/budget-rules.util';
import { accountColumn } from '../utils/enrolment-accounts.util';
import type { GoalDraft } from '../utils/goal-rules.util';

export interface DemoCatalogSummary {
  /** The school year containing `today`, and the one before it (where the 2012-2013 facts land). */
  currentSchoolYear: string;
  previousSchoolYear: string;
  /** Years added to the historical dates (`demoYearShift`). */
  yearShift: number;
  establishments: UpsertCounts;
  ips: UpsertCounts;
  enrolments: UpsertCounts;
  deployments: UpsertCounts;
  goals: UpsertCounts;
  budgets: UpsertCounts;
}

const establishmentTarget: UpsertTarget<EstablishmentEntity, EstablishmentEntity> = {
  entity: EstablishmentEntity,
  keyOf: (e) => e.uai,
  keyOfEntity: (e) => e.uai,
  where: (e) => ({ uai: e.uai }),
  values: (e) => ({ ...e }),
};

function establishmentOf(e: DemoEstablishment): EstablishmentEntity {
  const academie = academieOfDepartement(e.departement);
  if (!academie) throw new Error(`No académie for the demo département ${e.departement}`);
  return {
    uai: e.uai,
    name: e.name,
    type: 'college',
    sector: e.sector === 'public' ? 'public' : 'prive',
    communeCode: e.communeCode,
    communeName: e.communeName,
    departementCode: e.departement,
    academieCode: academie.code,
    regionCode: academie.regionCode,
    latitude: e.latitude,
    longitude: e.longitude,
    educationPrioritaire: e.educationPrioritaire,
    rural: e.rural,
  };
}

/**
 * Share of opened accounts that were activated, per profile. Nationally one account in three is never
 * activated; teachers connect most, parents least, and Haute-Loire's families use the ENT too little.
 */
function activationShare(profile: 'eleve' | 'parent' | 'enseignant' | 'admin_vie_scol_tech', departement: string): number {
  if (profile === 'parent') return departement === '43' ? 0.38 : 0.55;
  return { eleve: 0.78, enseignant: 0.93, admin_vie_scol_tech: 0.9 }[profile];
}

function enrolmentOf(e: DemoEstablishment, schoolYear: string, previous: boolean, openedOn: string, today: string): EnrolmentEntity {
  const base = demoEnrolment(e);
  // Last year's enrolment differs by a few pupils, deterministically per establishment.
  const pupils = previous ? Math.round(base.pupils * (0.96 + (Number(e.uai.slice(3, 7)) % 5) * 0.01)) : base.pupils;
  const counts = previous ? demoEnrolment({ ...e, pupils }) : base;
  const yearEnd = `${schoolYear.slice(5)}-08-31`;
  const open = openedOn <= yearEnd && openedOn <= today;
  const enrolment = { uai: e.uai, schoolYear, ...counts } as EnrolmentEntity;
  const opened = { eleve: counts.pupils, parent: Math.round(counts.families * 1.6), enseignant: counts.teachers, admin_vie_scol_tech: counts.staff };
  for (const profile of ['eleve', 'parent', 'enseignant', 'admin_vie_scol_tech'] as const) {
    const share = activationShare(profile, e.departement) * (previous ? 0.85 : 1);
    enrolment[accountColumn(profile, 'opened')] = open ? opened[profile] : null;
    enrolment[accountColumn(profile, 'activated')] = open ? Math.round(opened[profile] * share) : null;
  }
  enrolment[accountColumn('autre', 'opened')] = null;
  enrolment[accountColumn('autre', 'activated')] = null;
  return enrolment;
}

function goalsOf(currentStart: number): GoalDraft[] {
  const deadline = `${currentStart + 1}-06-30`;
  const startOn = `${currentStart}-09-01`;
  return [
    {
      name: 'Adhésion des familles ≥ 50 % dans chaque collège de Haute-Saône',
      indicator: 'family_uptake',
      profile: null,
      scopeLevel: 'departement',
      scopeCodes: ['70'],
      aggregation: 'each_establishment',
      target: 50,
      // The convention was signed in July 2012: the goal runs from the first school year of the ENT.
      startOn: `${currentStart - 1}-09-01`,
      deadline,
    },
    {
      name: 'Usage des enseignants ≥ 60 % en Haute-Loire',
      indicator: 'usage_rate',
      profile: 'enseignant',
      scopeLevel: 'departement',
      scopeCodes: ['43'],
      aggregation: 'territory',
      target: 60,
      startOn,
      deadline,
    },
    {
      name: 'Cartable de Savoie : usage généralisé aux élèves',
      indicator: 'usage_rate',
      profile: 'eleve',
      scopeLevel: 'departement',
      scopeCodes: ['73'],
      aggregation: 'territory',
      target: 80,
      startOn,
      deadline,
    },
    {
      name: 'Cartable de Savoie : usage généralisé aux enseignants',
      indicator: 'usage_rate',
      profile: 'enseignant',
      scopeLevel: 'departement',
      scopeCodes: ['73'],
      aggregation: 'territory',
      target: 80,
      startOn,
      deadline,
    },
    {
      name: "Cartable de Savoie : adhésion des familles",
      indicator: 'family_uptake',
      profile: null,
      scopeLevel: 'departement',
      scopeCodes: ['73'],
      aggregation: 'territory',
      target: 50,
      startOn,
      deadline,
    },
  ];
}

/** Haute-Saône's 3-year convention: about 500,000 €, a first envelope of 245,000 €. */
function budgetsOf(currentStart: number): BudgetDraft[] {
  const year = (start: number) => `${start}-${start + 1}`;
  const line = (start: number, label: BudgetDraft['label'], amount: number, description: string): BudgetDraft => ({
    territoryLevel: 'departement',
    territoryCode: '70',
    schoolYear: year(start),
    label,
    amount,
    description,
  });
  const first = currentStart - 1;
  return [
    line(first, 'equipment', 180000, 'Première enveloppe : kit de démarrage par collège (serveur, 10 à 25 ordinateurs, TBI, vidéoprojecteur)'),
    line(first, 'licences', 45000, 'Première enveloppe : licences ENT'),
    line(first, 'training', 20000, 'Première enveloppe : formation des équipes'),
    line(currentStart, 'equipment', 150000, 'Convention ENT, 2e année : équipement'),
    line(currentStart, 'licences', 60000, 'Convention ENT, 2e année : licences'),
    line(currentStart, 'training', 20000, 'Convention ENT, 2e année : formation'),
    line(currentStart + 1, 'licences', 25000, 'Convention ENT, 3e année : licences'),
  ];
}

async function upsert<R, E extends ObjectLiteral>(manager: EntityManager, target: UpsertTarget<R, E>, records: R[]): Promise<UpsertCounts> {
  return upsertRecords(manager, target, records);
}

/**
 * Loads the catalog of the demo territory (Haute-Saône, Haute-Loire, Savoie): 56 collèges with
 * their communes, IPS, enrolments of the current and previous school years, the deployment
 * calendar shifted by `demoYearShift(today)`, goals and budgets. Idempotent: a second call on the
 * same day changes nothing. Run it before the demo events (the ingestion refuses unknown UAIs).
 */
export async function loadDemoCatalog(dataSource: DataSource, today: Date = new Date()): Promise<DemoCatalogSummary> {
  const shift = demoYearShift(today);
  const currentStart = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  const currentSchoolYear = `${currentStart}-${currentStart + 1}`;
  const previousSchoolYear = `${currentStart - 1}-${currentStart}`;
  const todayIso = today.toISOString().slice(0, 10);
  const shiftLabel = (label: string) => label.replace(/\b(19|20)\d{2}\b/g, (y) => String(Number(y) + shift));

  return dataSource.transaction(async (manager) => {
    await ensureReferenceTerritories(manager);
    await ensureCommunes(
      manager,
      DEMO_ESTABLISHMENTS.map((e) => e.communeCode),
    );
    const establishments = await upsert(manager, establishmentTarget, DEMO_ESTABLISHMENTS.map(establishmentOf));

    const ips = await upsert<EstablishmentIpsEntity, EstablishmentIpsEntity>(
      manager,
      ipsImport.target,
      DEMO_ESTABLISHMENTS.flatMap((e) =>
        [previousSchoolYear, currentSchoolYear].map((schoolYear) => ({ uai: e.uai, schoolYear, ips: e.ips, standardDeviation: null })),
      ),
    );

    const deploymentRows: DeploymentEntity[] = DEMO_ESTABLISHMENTS.map((e) => {
      const openedOn = shiftDemoDate(e.deployment.openedOn, shift);
      return { uai: e.uai, status: openedOn > todayIso ? 'planned' : e.deployment.status, openedOn, wave: shiftLabel(e.deployment.wave) };
    });
    const deployments = await upsert(manager, deploymentImport.target, deploymentRows);

    const openedOn = new Map(deploymentRows.map((d) => [d.uai, d.openedOn ?? '9999-12-31']));
    const enrolments = await upsert(
      manager,
      enrolmentsImport.target,
      DEMO_ESTABLISHMENTS.flatMap((e) => [
        enrolmentOf(e, previousSchoolYear, true, openedOn.get(e.uai) as string, todayIso),
        enrolmentOf(e, currentSchoolYear, false, openedOn.get(e.uai) as string, todayIso),
      ]),
    );

    const goals = await upsert<GoalDraft, GoalEntity>(manager, goalsImport.target, goalsOf(currentStart));
    const budgets = await upsert<BudgetDraft, BudgetEntity>(manager, budgetsImport.target, budgetsOf(currentStart));
    return { currentSchoolYear, previousSchoolYear, yearShift: shift, establishments, ips, enrolments, deployments, goals, budgets };
  });
}

