import { DEPLOYMENT_STATUSES, type DeploymentEntity } from '../entities/deployment.entity';
import { parsePlanningDate } from './cell-parsers.util';

/** What is wrong with a deployment entry (shared by the import and the mutation); field names are the entity's. */
export function deploymentProblems(d: Pick<DeploymentEntity, 'status' | 'openedOn' | 'wave'>): { field: 'status' | 'openedOn' | 'wave'; reason: string }[] {
  const problems: { field: 'status' | 'openedOn' | 'wave'; reason: string }[] = [];
  if (!(DEPLOYMENT_STATUSES as readonly string[]).includes(d.status)) {
    problems.push({ field: 'status', reason: `"${d.status}" is not one of ${DEPLOYMENT_STATUSES.join(', ')}` });
  }
  if (d.openedOn) {
    const date = parsePlanningDate(d.openedOn);
    if (date.problem !== undefined) problems.push({ field: 'openedOn', reason: date.problem });
  } else if (d.status !== 'planned') {
    problems.push({ field: 'openedOn', reason: `an establishment with status ${d.status} needs its opening date` });
  }
  if (d.wave && d.wave.length > 100) problems.push({ field: 'wave', reason: 'the wave label is longer than 100 characters' });
  return problems;
}
