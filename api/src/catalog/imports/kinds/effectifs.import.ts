import { EnrolmentEntity } from '../../entities/enrolment.entity';
import { parseCount } from '../../utils/cell-parsers.util';
import { checkEstablishments, type ImportKindDefinition, lineChecks } from '../import-kind';

export type PupilCountRecord = Pick<EnrolmentEntity, 'uai' | 'schoolYear' | 'pupils'>;

/**
 * The ministry's enrolment datasets: `fr-en-college-effectifs-niveau-sexe-lv` (current and 2019-2021
 * layouts) and `fr-en-ecoles-effectifs-nb_classes`. They give pupils only: families, teachers,
 * staff and accounts of an existing enrolment are left as they are.
 */
export const effectifsImport: ImportKindDefinition<PupilCountRecord, EnrolmentEntity> = {
  kind: 'effectifs',
  keyDescription: 'UAI and Rentrée scolaire',
  columns: [
    { key: 'uai', names: ['uai', 'numero_du_college', 'numero_de_l_ecole'], required: true },
    // A year: 2020 is the school year 2020-2021.
    { key: 'schoolYear', names: ['rentree_scolaire'], required: true },
    {
      key: 'pupils',
      names: [
        'nombre_d_eleves_total',
        'nombre_d_eleves_total_nombre_d_eleves_dans_les_formations_du_1er_cycle_du_2nd_degre_et_non_du_nombre_total_d_eleves_inscrits_dans_l_etablissement_les_dima_et_les_dispositifs_relais_sont_exclus',
        'nombre_total_d_eleves',
      ],
      required: true,
    },
  ],

  parseRow(row) {
    const { problems, uai } = lineChecks(row);
    const year = row.get('schoolYear');
    if (!/^\d{4}$/.test(year)) problems.push({ column: row.column('schoolYear'), reason: `"${year}" is not a school start year such as 2020` });
    const pupils = parseCount(row.get('pupils'));
    if (pupils.problem !== undefined) problems.push({ column: row.column('pupils'), reason: pupils.problem });
    if (problems.length || pupils.value === undefined) return { problems };
    return { record: { uai, schoolYear: `${year}-${Number(year) + 1}`, pupils: pupils.value } };
  },

  checkStore: (context, lines) => checkEstablishments(context, lines, (r) => r.uai),

  target: {
    entity: EnrolmentEntity,
    keyOf: (r) => `${r.uai}:${r.schoolYear}`,
    keyOfEntity: (e) => `${e.uai}:${e.schoolYear}`,
    where: (r) => ({ uai: r.uai, schoolYear: r.schoolYear }),
    values: (r) => ({ ...r }),
  },
};
