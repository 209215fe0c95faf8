import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import { fixture, openCatalogTestStore } from '../catalog-test-support';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { GoalEntity } from '../entities/goal.entity';
import { NATIONAL_SCOPE } from '../../scope/territorial-scope';
import type { DataSource } from 'typeorm';
import type { ScopeService } from '../../scope/scope.service';
import { runCatalogImport } from './run-catalog-import';
import { decodeCatalogStream } from './decode-file.util';
import type { CatalogImportKind } from './import-kind';

// Real stores (PostgreSQL databases, an embedded ClickHouse) take seconds to create on a busy machine.
jest.setTimeout(30_000);

describe.each(RELATIONAL_TARGETS)('catalog imports on $name', (target) => {
  let dataSource: DataSource;
  let scopeService: ScopeService;
  let close: () => Promise<void>;
  const run = (kind: CatalogImportKind, text: string, dryRun = false) => runCatalogImport(dataSource, kind, text, { dryRun, scope: NATIONAL_SCOPE, scopeService });

  beforeAll(async () => {
    ({ dataSource, scopeService, close } = await openCatalogTestStore(target));
  });
  afterAll(async () => close?.());

  it('imports the 2024-11 annuaire sample (BOM, LF, 72 columns) and changes nothing the second time', async () => {
    const text = fixture('fr-en-annuaire-education.sample.csv');
    const dry = await run('annuaire', text, true);
    expect(dry.summary).toEqual({ created: 9, updated: 0, unchanged: 0, rejected: 0 });
    expect(await dataSource.getRepository(EstablishmentEntity).count()).toBe(0);

    const first = await run('annuaire', text);
    expect(first.summary).toEqual({ created: 9, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.rejections).toEqual([]);
    const second = await run('annuaire', text);
    expect(second.summary).toEqual({ created: 0, updated: 0, unchanged: 9, rejected: 0 });

    const chamson = await dataSource.getRepository(EstablishmentEntity).findOneByOrFail({ uai: '0301326D' });
    expect(chamson).toEqual({
      uai: '0301326D',
      name: 'Collège André Chamson',
      type: 'college',
      sector: 'public',
      communeCode: '30350',
      communeName: 'Le Vigan',
      departementCode: '30',
      academieCode: '11',
      regionCode: '76',
      latitude: 43.98987059800149,
      longitude: 3.600659390659651,
      educationPrioritaire: null,
      rural: null,
    });
  });

  it('reads the 2023-06 (CRLF, "Code postal") and 2026-05 (écoles, no Nombre_d_eleves) header generations', async () => {
    expect((await run('annuaire', fixture('fr-en-annuaire-education.2023-06.sample.csv'))).summary).toEqual({ created: 5, updated: 0, unchanged: 0, rejected: 0 });
    expect((await run('annuaire', fixture('fr-en-annuaire-education.2026-05.sample.csv'))).summary).toEqual({ created: 4, updated: 0, unchanged: 0, rejected: 0 });
    const ecole = await dataSource.getRepository(EstablishmentEntity).findOneByOrFail({ uai: '0940176F' });
    expect([ecole.type, ecole.departementCode, ecole.academieCode, ecole.regionCode]).toEqual(['ecole', '94', '24', '11']);
  });

  it('counts a changed line as updated, and maps lower-case API field names', async () => {
    const text = 'identifiant_de_l_etablissement;nom_etablissement;type_etablissement;statut_public_prive;code_commune;code_departement;appartenance_education_prioritaire\n0301326D;Collège André Chamson (Le Vigan);Collège;Public;30350;030;REP\n';
    const report = await run('annuaire', text);
    expect(report.summary).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    const e = await dataSource.getRepository(EstablishmentEntity).findOneByOrFail({ uai: '0301326D' });
    expect([e.name, e.educationPrioritaire, e.communeName]).toEqual(['Collège André Chamson (Le Vigan)', 'REP', 'Le Vigan']);
  });

  it('refuses the spreadsheet-damaged annuaire copy as a whole, naming the damage', async () => {
    await expect(run('annuaire', fixture('fr-en-annuaire-education.excel-resaved.sample.csv'))).rejects.toThrow(
      /^This annuaire file was damaged by a spreadsheet \(line 2: SIREN_SIRET "2,17003E\+13", date_ouverture "01\/02\/1967", Code_departement "70" \(the export writes 3 characters\)\)/,
    );
  });

  it('refuses a comma-separated file and a file without the required columns, with one message', async () => {
    await expect(run('enrolments', 'uai,school_year,pupils\n0700004Z,2025-2026,327\n')).rejects.toThrow(
      'The file is separated by commas, not by semicolons: the open-data files and the catalog formats use ";" (header read: "uai,school_year,pupils").',
    );
    await expect(run('enrolments', 'uai;school_year;pupils\n0700004Z;2025-2026;327\n')).rejects.toThrow(
      'Missing required columns families, teachers, staff (columns found: uai, school_year, pupils).',
    );
  });

  it('reports every bad annuaire line with its line, column and reason, and imports the good ones', async () => {
    const text = [
      'Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Code_commune;Code_departement;Code_academie;latitude;longitude',
      '0700004Z;Collège Gaston Ramon;Collège;Public;70198;070;03;47.555;5.678',
      '0700004A;Collège Faux;Collège;Public;70198;070;03;;',
      '0700035H;Collège Charles Péguy;Collège;Public;99999;070;03;;',
      '0700785Y;Collège Jean Macé;Collège;Public;43157;070;03;;',
      '0700785Y;Collège Jean Macé;Collège;Public;70550;070;11;abc;6.1',
      '0702101D;Collège André Masson;Crèche;Public;70467;070;03;;',
      '0702102E;Collège Romé de l\'Isle;Collège;Public;70279;070;03;47.445;5.59',
      '0702102E;Collège Romé de l\'Isle;Collège;Public;70279;070;03;47.445;5.59',
      '0702103F;Collège R. Gueux;Collège;Public',
    ].join('\n');
    const report = await run('annuaire', text);
    expect(report.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 7 });
    expect(report.rejections).toEqual([
      { line: 3, column: 'Identifiant_de_l_etablissement', reason: '"0700004A": the key letter of 0700004 is Z, not A' },
      { line: 4, column: 'Code_commune', reason: 'unknown commune "99999" (not an INSEE commune code)' },
      { line: 5, column: 'Code_commune', reason: 'commune 43157 (Le Puy-en-Velay) is in département 43, not 70' },
      { line: 6, column: 'Code_academie', reason: 'académie 11 does not hold département 70 (its académie is 03 Besançon)' },
      { line: 6, column: 'latitude', reason: '"abc" is not a number' },
      { line: 7, column: 'Type_etablissement', reason: 'unknown establishment type "Crèche" (expected Ecole, Collège, Lycée, EREA, Médico-social, Information et orientation, Service Administratif or Autre)' },
      { line: 9, column: 'Identifiant_de_l_etablissement', reason: 'duplicate of line 8 (same Identifiant_de_l_etablissement)' },
      { line: 10, column: '(line)', reason: '4 fields where the header has 9' },
    ]);
  });

  it('imports the IPS of known establishments from the field-name and label headers, refusing unknown UAIs', async () => {
    const report = await run('ips', fixture('fr-en-ips-colleges-ap2022.sample.csv'));
    expect(report.summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 9 });
    expect(report.rejections[0]).toEqual({ line: 3, column: 'uai', reason: 'unknown establishment 0700035H: import it with the annuaire first' });
    expect((await run('ips', fixture('fr-en-ips-colleges-ap2022.sample.csv'))).summary).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 9 });
    const labels = await run('ips', fixture('fr-en-ips-colleges-ap2022.labels.sample.csv'));
    expect(labels.rejections.map((r) => r.column)).toEqual(['UAI', 'UAI', 'UAI']);
    // The older series: labels, no effectifs, an empty standard deviation; its Lille collèges are not in this catalog.
    const older = await run('ips', fixture('fr-en-ips_colleges.sample.csv'));
    expect(older.summary).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 5 });
    expect(older.rejections.every((r) => r.column === 'UAI' && r.reason.startsWith('unknown establishment'))).toBe(true);
  });

  it('refuses non-numeric counts, bad school years and more activated than opened accounts, line by line', async () => {
    const text = [
      'uai;school_year;pupils;families;teachers;staff;accounts_opened_parent;accounts_activated_parent',
      '0700004Z;2025-2026;327;268;25;16;530;301',
      '0700004Z;2024-2025;trois cents;268;25;16;;',
      '0700004Z;2024-2026;300;;;;;',
      '0700004Z;2023-2024;300;250;;;100;120',
      '0700035H;2025-2026;400;;;;;',
      '0700004Z;2022-2023;310;;;;;',
    ].join('\r\n');
    const report = await run('enrolments', text);
    expect(report.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 4 });
    expect(report.rejections).toEqual([
      { line: 3, column: 'pupils', reason: '"trois cents" is not a whole number' },
      { line: 4, column: 'school_year', reason: '"2024-2026" is not a school year such as 2012-2013' },
      { line: 5, column: 'accounts_activated_parent', reason: '120 activated accounts is more than the 100 opened' },
      { line: 6, column: 'uai', reason: 'unknown establishment 0700035H: import it with the annuaire first' },
    ]);
    expect((await run('enrolments', text)).summary).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 4 });
  });

  it('imports the deployment calendar, goals and budgets idempotently', async () => {
    const deployment = 'uai;status;opened_on;wave\n0700004Z;open;2013-01-07;Généralisation 2013\n0301326D;planned;;\n0301213F;open;;\n0352958A;abandoned;2013-01-01;\n';
    const d = await run('deployment', deployment);
    expect(d.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(d.rejections).toEqual([
      { line: 4, column: 'opened_on', reason: 'an establishment with status open needs its opening date' },
      { line: 5, column: 'status', reason: '"abandoned" is not one of planned, pilot, open, closed' },
    ]);
    expect((await run('deployment', deployment)).summary).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 2 });

    const goals = [
      'name;indicator;profile;scope_level;scope_codes;target;start_on;deadline;aggregation',
      'Familles Haute-Saône;family_uptake;;departement;070;50;2012-09-01;2013-06-30;each_establishment',
      'Enseignants Haute-Loire;usage_rate;enseignant;departement;43;60;2012-09-01;2013-06-30;',
      'Sans profil;usage_rate;;departement;43;60;2012-09-01;2013-06-30;',
      'Trop;family_uptake;;departement;99;150;2012-09-01;2012-06-30;',
      'Inconnu;happiness;;national;;1;2012-09-01;2013-06-30;',
    ].join('\n');
    const g = await run('goals', goals);
    expect(g.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 3 });
    expect(g.rejections).toEqual([
      { line: 4, column: 'profile', reason: 'usage_rate needs a profile (eleve, parent, enseignant, admin_vie_scol_tech, autre)' },
      { line: 5, column: 'target', reason: 'a family_uptake target is a percentage between 0 and 100' },
      { line: 5, column: 'deadline', reason: 'the deadline 2012-06-30 is not after the start 2012-09-01' },
      {
        line: 6,
        column: 'indicator',
        reason: 'unknown indicator "happiness" (expected one of accounts_opened, accounts_activated, activation_rate, visitors, visits, usage_rate, regular_users, regular_use_rate, family_uptake, families_reached, intensity)',
      },
    ]);
    expect((await run('goals', goals)).summary).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 3 });
    const raised = 'name;indicator;profile;scope_level;scope_codes;target;start_on;deadline\nEnseignants Haute-Loire;usage_rate;enseignant;departement;43;65;2012-09-01;2013-06-30\n';
    expect((await run('goals', raised)).summary).toEqual({ created: 0, updated: 1, unchanged: 0, rejected: 0 });
    // A goal is identified by its name within its territory: the same name on other territories is another goal.
    const elsewhere = 'name;indicator;profile;scope_level;scope_codes;target;start_on;deadline\nEnseignants Haute-Loire;usage_rate;enseignant;departement;43, 70;70;2012-09-01;2013-06-30\n';
    expect((await run('goals', elsewhere)).summary).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 0 });
    const named = await dataSource.getRepository(GoalEntity).find({ where: { name: 'Enseignants Haute-Loire' }, order: { id: 'ASC' } });
    expect(named.map((g) => [g.scopeCodes, g.target, g.aggregation])).toEqual([
      [['43'], 65, 'territory'],
      [['43', '70'], 70, 'territory'],
    ]);
    expect((await run('goals', elsewhere)).summary).toEqual({ created: 0, updated: 0, unchanged: 1, rejected: 0 });

    const budgets = 'territory_level;territory_code;school_year;label;amount;description\ndepartement;070;2012-2013;equipment;180 000,00;Kit de démarrage\ndepartement;70;2012-2013;licences;45000;\ndepartement;99;2012-2013;training;1000;\ndepartement;70;2012-2013;travel;1000;\n';
    const b = await run('budgets', budgets);
    expect(b.summary).toEqual({ created: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(b.rejections).toEqual([
      { line: 4, column: 'territory_code', reason: 'unknown departement 99' },
      { line: 5, column: 'label', reason: '"travel" is not one of equipment, licences, training, support, other' },
    ]);
    expect((await run('budgets', budgets)).summary).toEqual({ created: 0, updated: 0, unchanged: 2, rejected: 2 });
  });

  it('refuses a streamed file as a whole at the first damaged line, without reading the rest, and writes nothing', async () => {
    const before = await dataSource.getRepository(EstablishmentEntity).count();
    let chunksRead = 0;
    async function* chunks(): AsyncGenerator<string> {
      yield fixture('fr-en-annuaire-education.excel-resaved.sample.csv');
      for (let i = 0; i < 5000; i++, chunksRead++) yield `${'x;'.repeat(40)}\n`.repeat(20);
    }
    await expect(runCatalogImport(dataSource, 'annuaire', chunks(), { scope: NATIONAL_SCOPE, scopeService })).rejects.toThrow(
      'This annuaire file was damaged by a spreadsheet (line 2:',
    );
    expect(chunksRead).toBeLessThan(5000);
    expect(await dataSource.getRepository(EstablishmentEntity).count()).toBe(before);
  });

  it('refuses a streamed file that is not UTF-8, naming the problem', async () => {
    async function* bytes(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('uai;rentree_scolaire;ips\n0700004Z;2022-2023;1');
      yield Buffer.from([0xe9, 0x0a]);
    }
    await expect(runCatalogImport(dataSource, 'ips', decodeCatalogStream(bytes()), { scope: NATIONAL_SCOPE, scopeService })).rejects.toThrow(
      'The file is not UTF-8 text (it may have been saved as Latin-1 or Windows-1252): save it again as UTF-8 CSV.',
    );
  });
});
