import { BudgetEntity } from './budget.entity';
import { DeploymentEntity } from './deployment.entity';
import { EnrolmentEntity } from './enrolment.entity';
import { EstablishmentIpsEntity } from './establishment-ips.entity';
import { EstablishmentEntity } from './establishment.entity';
import { GoalEntity } from './goal.entity';
import { SchoolHolidayEntity } from './school-holiday.entity';
import { TerritoryEntity } from './territory.entity';

/** Every entity of the catalog, for RELATIONAL_ENTITIES. */
export const CATALOG_ENTITIES = [
  TerritoryEntity,
  EstablishmentEntity,
  EstablishmentIpsEntity,
  EnrolmentEntity,
  DeploymentEntity,
  GoalEntity,
  BudgetEntity,
  SchoolHolidayEntity,
];
