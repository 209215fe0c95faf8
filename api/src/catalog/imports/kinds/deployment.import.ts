import { DeploymentEntity, type DeploymentStatus } from '../../entities/deployment.entity';
import { deploymentProblems } from '../../utils/deployment-rules.util';
import { checkEstablishments, type ImportKindDefinition, lineChecks } from '../import-kind';

export type DeploymentRecord = Pick<DeploymentEntity, 'uai' | 'status' | 'openedOn' | 'wave'>;

/** `uai;status;opened_on;wave`: the deployment calendar. */
export const deploymentImport: ImportKindDefinition<DeploymentRecord, DeploymentEntity> = {
  kind: 'deployment',
  keyDescription: 'uai',
  columns: [
    { key: 'uai', names: ['uai'], required: true },
    { key: 'status', names: ['status'], required: true },
    { key: 'openedOn', names: ['opened_on'], required: true },
    { key: 'wave', names: ['wave'], required: false },
  ],

  parseRow(row) {
    const { problems, uai } = lineChecks(row);
    const record: DeploymentRecord = {
      uai,
      status: row.get('status').toLowerCase() as DeploymentStatus,
      openedOn: row.get('openedOn') || null,
      wave: row.get('wave') || null,
    };
    for (const p of deploymentProblems(record)) problems.push({ column: row.column(p.field), reason: p.reason });
    return problems.length ? { problems } : { record };
  },

  checkStore: (context, lines) => checkEstablishments(context, lines, (r) => r.uai),

  target: {
    entity: DeploymentEntity,
    keyOf: (r) => r.uai,
    keyOfEntity: (e) => e.uai,
    where: (r) => ({ uai: r.uai }),
    values: (r) => ({ ...r }),
  },
};

