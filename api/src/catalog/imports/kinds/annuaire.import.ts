import { EstablishmentEntity, type EducationPrioritaire, type EstablishmentType, type Sector } from '../../entities/establishment.entity';
import { academieOfDepartement, FORMER_ACADEMIE_CODES } from '../../reference/academies';
import { allDepartements, communeByCode, normaliseDepartementCode } from '../../reference/administrative-divisions';
import { ensureCommunes } from '../../reference/seed-reference-territories';
import { UnusableFileError } from '../../errors/catalog-errors';
import { normaliseLabel, parseDecimal } from '../../utils/cell-parsers.util';
import type { CsvRow } from '../csv-table.util';
import { type ImportKindDefinition, lineChecks, problemCollector } from '../import-kind';

export type EstablishmentRecord = Omit<EstablishmentEntity, 'rural'>;

/** `Type_etablissement` values of the annuaire (normalised) → catalog type. Empty counts as `autre`. */
const TYPES: Record<string, EstablishmentType> = {
  '': 'autre',
  ecole: 'ecole',
  college: 'college',
  lycee: 'lycee',
  erea: 'erea',
  medico_social: 'medico_social',
  information_et_orientation: 'information_orientation',
  service_administratif: 'service_administratif',
  autre: 'autre',
};

const SECTORS: Record<string, Sector | null> = { '': null, public: 'public', prive: 'prive' };
const EDUCATION_PRIORITAIRE: Record<string, EducationPrioritaire | null> = { '': null, REP: 'REP', 'REP+': 'REP+', 'REP +': 'REP+' };

/**
 * The national directory export *annuaire de l'éducation* (`fr-en-annuaire-education`), any of its
 * header generations (2023-06, 2024-11, 2026-05) and the API's lower-case field names.
 */
export const annuaireImport: ImportKindDefinition<EstablishmentRecord, EstablishmentEntity> = {
  kind: 'annuaire',
  keyDescription: 'Identifiant_de_l_etablissement',
  columns: [
    { key: 'uai', names: ['identifiant_de_l_etablissement'], required: true },
    { key: 'name', names: ['nom_etablissement'], required: true },
    { key: 'type', names: ['type_etablissement'], required: true },
    { key: 'sector', names: ['statut_public_prive'], required: true },
    { key: 'commune', names: ['code_commune'], required: true },
    { key: 'communeName', names: ['nom_commune'], required: false },
    { key: 'departement', names: ['code_departement'], required: true },
    { key: 'academie', names: ['code_academie'], required: false },
    { key: 'region', names: ['code_region'], required: false },
    { key: 'latitude', names: ['latitude'], required: false },
    { key: 'longitude', names: ['longitude'], required: false },
    { key: 'educationPrioritaire', names: ['appartenance_education_prioritaire'], required: false },
    { key: 'siret', names: ['siren_siret'], required: false },
    { key: 'openedOn', names: ['date_ouverture'], required: false },
  ],

  /**
   * A copy opened and saved again in a spreadsheet has lost leading zeros (`070` → `70`, phone
   * numbers), turned SIRET numbers into `2,17003E+13` and dates into `dd/mm/yyyy`. Its digits
   * cannot be recovered: refuse it and ask for the original download.
   */
  checkFileRow(row: CsvRow) {
    const signs: string[] = [];
    const siret = row.get('siret');
    if (/^\d+,\d+E\+\d+$/i.test(siret)) signs.push(`${row.column('siret')} "${siret}"`);
    const opened = row.get('openedOn');
    if (/^\d{2}\/\d{2}\/\d{4}$/.test(opened)) signs.push(`${row.column('openedOn')} "${opened}"`);
    const departement = row.get('departement');
    if (/^\d{1,2}$/.test(departement)) signs.push(`${row.column('departement')} "${departement}" (the export writes 3 characters)`);
    if (signs.length) {
      throw new UnusableFileError(
        `This annuaire file was damaged by a spreadsheet (line ${row.line}: ${signs.join(', ')}): leading zeros and digits are lost. ` +
          'Download fr-en-annuaire-education again from data.education.gouv.fr and import it without opening it in a spreadsheet.',
      );
    }
  },

  parseRow(row) {
    const { problems, problem, uai } = lineChecks(row);

    const name = row.get('name');
    if (!name) problem('name', 'the name is empty');

    const type = TYPES[normaliseLabel(row.get('type'))];
    if (!type) problem('type', `unknown establishment type "${row.get('type')}" (expected Ecole, Collège, Lycée, EREA, Médico-social, Information et orientation, Service Administratif or Autre)`);

    const sector = SECTORS[normaliseLabel(row.get('sector'))];
    if (sector === undefined) problem('sector', `"${row.get('sector')}" is neither Public nor Privé`);

    const departementCode = normaliseDepartementCode(row.get('departement'));
    if (!departementCode) problem('departement', `unknown département "${row.get('departement')}"`);

    const communeCode = row.get('commune').toUpperCase();
    const commune = communeByCode(communeCode);
    if (!commune) problem('commune', `unknown commune "${communeCode}" (not an INSEE commune code)`);
    else if (departementCode && commune.departementCode !== departementCode) {
      problem('commune', `commune ${communeCode} (${commune.name}) is in département ${commune.departementCode}, not ${departementCode}`);
    }

    const academie = departementCode ? academieOfDepartement(departementCode) : undefined;
    const rawAcademie = row.get('academie');
    if (academie && rawAcademie && (FORMER_ACADEMIE_CODES[rawAcademie] ?? rawAcademie) !== academie.code) {
      problem('academie', `académie ${rawAcademie} does not hold département ${departementCode} (its académie is ${academie.code} ${academie.name})`);
    }
    const rawRegion = row.get('region');
    const insee = departementCode ? allDepartements().get(departementCode)?.inseeRegionCode : undefined;
    if (academie && rawRegion && rawRegion !== academie.regionCode && rawRegion !== insee) {
      problem('region', `région ${rawRegion} does not hold département ${departementCode} (its région is ${academie.regionCode})`);
    }

    const coordinate = (key: 'latitude' | 'longitude', limit: number): number | null => {
      const text = row.get(key);
      if (!text) return null;
      const parsed = parseDecimal(text);
      if (parsed.problem !== undefined) problem(key, parsed.problem);
      else if (Math.abs(parsed.value) > limit) problem(key, `${text} is out of range (±${limit})`);
      else return parsed.value;
      return null;
    };
    const latitude = coordinate('latitude', 90);
    const longitude = coordinate('longitude', 180);

    const educationPrioritaire = EDUCATION_PRIORITAIRE[row.get('educationPrioritaire').toUpperCase()];
    if (educationPrioritaire === undefined) problem('educationPrioritaire', `"${row.get('educationPrioritaire')}" is neither empty, REP nor REP+`);

    if (problems.length || !academie || !commune || !departementCode || !type || sector === undefined || educationPrioritaire === undefined) {
      return { problems };
    }
    return {
      record: {
        uai,
        name,
        type,
        sector,
        communeCode,
        communeName: row.get('communeName') || commune.name,
        departementCode,
        academieCode: academie.code,
        regionCode: academie.regionCode,
        // Both or neither: half a position cannot be placed on a map.
        latitude: latitude !== null && longitude !== null ? latitude : null,
        longitude: latitude !== null && longitude !== null ? longitude : null,
        educationPrioritaire,
      },
    };
  },

  async checkStore(context, lines) {
    const problems = problemCollector();
    for (const { line, row, record } of lines) {
      const inside = context.scopeService.coversChain(context.scope, [
        { level: 'etablissement', code: record.uai },
        { level: 'commune', code: record.communeCode },
        { level: 'departement', code: record.departementCode },
        { level: 'academie', code: record.academieCode },
        { level: 'region', code: record.regionCode },
      ]);
      if (!inside) problems.add(line, { column: row.column('uai'), reason: `establishment ${record.uai} is outside your territorial scope` });
    }
    return problems.result;
  },

  async beforeWrite(manager, records) {
    await ensureCommunes(
      manager,
      records.map((r) => r.communeCode),
    );
  },

  target: {
    entity: EstablishmentEntity,
    keyOf: (r) => r.uai,
    keyOfEntity: (e) => e.uai,
    where: (r) => ({ uai: r.uai }),
    values: (r) => ({ ...r }),
  },
};
