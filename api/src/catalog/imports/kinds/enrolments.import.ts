import { PROFILES, type Profile } from '@ent/contracts';
import { EnrolmentEntity } from '../../entities/enrolment.entity';
import { accountColumn } from '../../utils/enrolment-accounts.util';
import { parseCount, parseSchoolYear } from '../../utils/cell-parsers.util';
import { checkEstablishments, type ImportKindDefinition, lineChecks } from '../import-kind';

export type EnrolmentRecord = Partial<EnrolmentEntity> & Pick<EnrolmentEntity, 'uai' | 'schoolYear' | 'pupils'>;

const COUNT_COLUMNS = ['families', 'teachers', 'staff'] as const;

/**
 * `uai;school_year;pupils;families;teachers;staff` and, optionally, `accounts_opened_<profile>` and
 * `accounts_activated_<profile>` for the national profile codes. An empty count means unknown.
 */
export const enrolmentsImport: ImportKindDefinition<EnrolmentRecord, EnrolmentEntity> = {
  kind: 'enrolments',
  keyDescription: 'uai and school_year',
  columns: [
    { key: 'uai', names: ['uai'], required: true },
    { key: 'schoolYear', names: ['school_year'], required: true },
    { key: 'pupils', names: ['pupils'], required: true },
    ...COUNT_COLUMNS.map((c) => ({ key: c, names: [c], required: true })),
    ...PROFILES.flatMap((p) => [
      { key: `opened_${p}`, names: [`accounts_opened_${p}`], required: false },
      { key: `activated_${p}`, names: [`accounts_activated_${p}`], required: false },
    ]),
  ],

  parseRow(row) {
    const { problems, problem, uai } = lineChecks(row);
    const year = parseSchoolYear(row.get('schoolYear'));
    if (year.problem !== undefined) problem('schoolYear', year.problem);
    const count = (key: string, required: boolean): number | null => {
      const text = row.get(key);
      if (!text) {
        if (required) problem(key, 'the count is empty');
        return null;
      }
      const parsed = parseCount(text);
      if (parsed.problem !== undefined) problem(key, parsed.problem);
      return parsed.value ?? null;
    };
    const pupils = count('pupils', true);
    const record: Record<string, unknown> = { uai, schoolYear: year.value, pupils };
    for (const c of COUNT_COLUMNS) record[c] = count(c, false);
    for (const p of PROFILES as readonly Profile[]) {
      if (!row.has(`opened_${p}`) && !row.has(`activated_${p}`)) continue;
      const opened = count(`opened_${p}`, false);
      const activated = count(`activated_${p}`, false);
      if (opened !== null && activated !== null && activated > opened) {
        problem(`activated_${p}`, `${activated} activated accounts is more than the ${opened} opened`);
      }
      record[accountColumn(p, 'opened')] = opened;
      record[accountColumn(p, 'activated')] = activated;
    }
    if (problems.length) return { problems };
    return { record: record as EnrolmentRecord };
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
