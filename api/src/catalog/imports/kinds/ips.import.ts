import { EstablishmentIpsEntity } from '../../entities/establishment-ips.entity';
import { parseDecimal, parseSchoolYear, type Parsed } from '../../utils/cell-parsers.util';
import { checkEstablishments, type ImportKindDefinition, lineChecks } from '../import-kind';

export type IpsRecord = Pick<EstablishmentIpsEntity, 'uai' | 'schoolYear' | 'ips' | 'standardDeviation'>;

/**
 * The IPS datasets (`fr-en-ips-colleges-ap2022`, `-ecoles-`, `-lycees-`, the older `fr-en-ips_colleges`),
 * with field names or labels as header. Lycées give an IPS per track: the catalog keeps the
 * whole-establishment one (`ips_ensemble_gt_pro`).
 */
export const ipsImport: ImportKindDefinition<IpsRecord, EstablishmentIpsEntity> = {
  kind: 'ips',
  keyDescription: 'uai and rentree_scolaire',
  columns: [
    { key: 'uai', names: ['uai'], required: true },
    { key: 'schoolYear', names: ['rentree_scolaire'], required: true },
    { key: 'ips', names: ['ips', 'ips_ensemble_gt_pro'], required: true },
    { key: 'standardDeviation', names: ['ecart_type_de_l_ips'], required: false },
  ],

  parseRow(row) {
    const { problems, problem, uai } = lineChecks(row);
    const year = parseSchoolYear(row.get('schoolYear'));
    if (year.problem !== undefined) problem('schoolYear', year.problem);
    const ips = row.get('ips') ? parseDecimal(row.get('ips')) : { problem: 'the IPS is empty' };
    if (ips.problem !== undefined) problem('ips', ips.problem);
    const sdText = row.get('standardDeviation');
    const sd: Parsed<number | null> = sdText ? parseDecimal(sdText) : { value: null };
    if (sd.problem !== undefined) problem('standardDeviation', sd.problem);
    if (problems.length || year.value === undefined || ips.value === undefined || sd.value === undefined) return { problems };
    return { record: { uai, schoolYear: year.value, ips: ips.value, standardDeviation: sd.value } };
  },

  checkStore: (context, lines) => checkEstablishments(context, lines, (r) => r.uai),

  target: {
    entity: EstablishmentIpsEntity,
    keyOf: (r) => `${r.uai}:${r.schoolYear}`,
    keyOfEntity: (e) => `${e.uai}:${e.schoolYear}`,
    where: (r) => ({ uai: r.uai, schoolYear: r.schoolYear }),
    values: (r) => ({ ...r }),
  },
};
