import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { uaiKeyLetter } from '@ent/contracts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app';
import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import { AuthService, type NewSession } from '../../auth/auth.service';
import { FIXTURES_DIR } from '../catalog-test-support';
import { EstablishmentEntity } from '../entities/establishment.entity';
import { SchoolHolidayEntity } from '../entities/school-holiday.entity';
import { StoredSchoolCalendar } from '../../analytics/calendar/stored-school-calendar';

// The 60,000-line import takes 11–28 s per store on an idle 2-core machine, minutes when it is loaded.
jest.setTimeout(900_000);

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** POSTs a file (streamed from disk) or a string to the product. */
function post(url: string, body: string | Buffer | { file: string }, headers: Record<string, string | number>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    if (typeof body === 'string' || Buffer.isBuffer(body)) req.end(body);
    else fs.createReadStream(body.file).pipe(req);
  });
}

/** A national-size annuaire: `lines` collèges of Haute-Saône, each line padded like the real export's 72 columns. */
function writeAnnuaire(file: string, lines: number): number {
  const out = fs.openSync(file, 'w');
  const padding = 'x'.repeat(300);
  fs.writeSync(out, 'Identifiant_de_l_etablissement;Nom_etablissement;Type_etablissement;Statut_public_prive;Adresse_1;Code_commune;Code_departement\n');
  for (let i = 0; i < lines; i += 1000) {
    const block: string[] = [];
    for (let j = i; j < Math.min(lines, i + 1000); j++) {
      const digits = `07${String(j).padStart(5, '0')}`;
      block.push(`${digits}${uaiKeyLetter(digits)};Collège ${j};Collège;Public;${padding};70550;070`);
    }
    fs.writeSync(out, `${block.join('\n')}\n`);
  }
  fs.closeSync(out);
  return fs.statSync(file).size;
}

describe.each(RELATIONAL_TARGETS)('POST /catalog/imports/:kind on $name', (target) => {
  let t: TestApp;
  let admin: NewSession;
  let councillor: NewSession;
  const headersOf = (session: NewSession, csrf = true) => ({
    cookie: `ent_session=${session.token}; ent_csrf=${session.csrfToken}`,
    'content-type': 'text/csv',
    ...(csrf ? { 'x-csrf-token': session.csrfToken } : {}),
  });

  beforeAll(async () => {
    t = await startTestApp({ API_RATE_LIMIT_PER_10S: '10000', API_RATE_LIMIT_PER_MINUTE: '100000' }, target);
    const auth = t.app.get(AuthService);
    admin = await auth.openSession(await auth.createUser({ email: 'admin@upload.test', displayName: 'Admin', role: 'admin', territories: [], password: 'a long enough password 1' }));
    councillor = await auth.openSession(
      await auth.createUser({ email: 'cd70@upload.test', displayName: 'CD70', role: 'councillor', territories: [{ level: 'departement', code: '70' }], password: 'a long enough password 1' }),
    );
  });
  afterAll(async () => t?.close());

  const sample = { file: path.join(FIXTURES_DIR, 'fr-en-annuaire-education.sample.csv') };

  it('answers the report of the GraphQL mutation: dry run, import, then everything unchanged', async () => {
    const dry = await post(`${t.url}/catalog/imports/annuaire?dryRun=1`, sample, headersOf(admin));
    expect(dry).toEqual({ status: 200, body: { kind: 'annuaire', dryRun: true, summary: { created: 9, updated: 0, unchanged: 0, rejected: 0 }, rejections: [] } });
    expect(await t.relational.getRepository(EstablishmentEntity).count()).toBe(0);
    const done = await post(`${t.url}/catalog/imports/annuaire`, sample, headersOf(admin));
    expect(done.body).toEqual({ kind: 'annuaire', dryRun: false, summary: { created: 9, updated: 0, unchanged: 0, rejected: 0 }, rejections: [] });
    const again = await post(`${t.url}/catalog/imports/annuaire?dryRun=0`, sample, headersOf(admin));
    expect(again.body.summary).toEqual({ created: 0, updated: 0, unchanged: 9, rejected: 0 });
  });

  it('reports refused lines by line, column and reason', async () => {
    const ips = await post(`${t.url}/catalog/imports/ips`, 'uai;rentree_scolaire;ips\n0301326D;2022-2023;101.5\n0709999A;2022;abc\n', headersOf(admin));
    expect(ips).toEqual({
      status: 200,
      body: {
        kind: 'ips',
        dryRun: false,
        summary: { created: 1, updated: 0, unchanged: 0, rejected: 1 },
        rejections: [
          { line: 3, column: 'uai', reason: '"0709999A": the key letter of 0709999 is N, not A' },
          { line: 3, column: 'rentree_scolaire', reason: '"2022" is not a school year such as 2012-2013' },
          { line: 3, column: 'ips', reason: '"abc" is not a number' },
        ],
      },
    });
  });

  it('refuses callers and requests it must refuse, with a clear error', async () => {
    expect(await post(`${t.url}/catalog/imports/annuaire`, sample, { 'content-type': 'text/csv' })).toMatchObject({ status: 401, body: { error: 'UNAUTHENTICATED' } });
    expect(await post(`${t.url}/catalog/imports/annuaire`, sample, headersOf(admin, false))).toMatchObject({ status: 403, body: { error: 'CSRF_MISMATCH' } });
    expect(await post(`${t.url}/catalog/imports/annuaire`, sample, headersOf(councillor))).toEqual({
      status: 403,
      body: { error: 'FORBIDDEN', message: 'This operation is reserved to: admin, project_manager.' },
    });
    expect(await post(`${t.url}/catalog/imports/pupils`, 'a;b\n', headersOf(admin))).toEqual({
      status: 400,
      body: { error: 'BAD_USER_INPUT', message: 'kind: "pupils" is not one of annuaire, ips, enrolments, effectifs, deployment, goals, budgets, calendar' },
    });
    expect(await post(`${t.url}/catalog/imports/ips?dryRun=maybe`, 'a;b\n', headersOf(admin))).toEqual({ status: 400, body: { error: 'BAD_USER_INPUT', message: 'dryRun: expected 1, true, 0 or false' } });
    expect(await post(`${t.url}/catalog/imports/ips`, 'a;b\n', { ...headersOf(admin), 'content-type': 'application/x-www-form-urlencoded' })).toEqual({
      status: 415,
      body: { error: 'BAD_USER_INPUT', message: 'Content-Type: send the file as the raw body with Content-Type text/csv, text/plain, application/octet-stream (got application/x-www-form-urlencoded)' },
    });
    expect(await post(`${t.url}/catalog/imports/ips`, 'uai,rentree_scolaire,ips\n', headersOf(admin))).toMatchObject({ status: 422, body: { error: 'UNUSABLE_FILE' } });
    // "Rentrée" saved in Latin-1: é is the single byte 0xE9.
    const latin1 = Buffer.concat([Buffer.from('uai;rentr'), Buffer.from([0xe9]), Buffer.from('e_scolaire;ips\n')]);
    expect(await post(`${t.url}/catalog/imports/ips`, latin1, headersOf(admin))).toEqual({
      status: 422,
      body: { error: 'UNUSABLE_FILE', message: 'The file is not UTF-8 text (it may have been saved as Latin-1 or Windows-1252): save it again as UTF-8 CSV.' },
    });
  });

  it('seeded the school calendar from the bundled file at start; an uploaded calendar changes the same school period of last year', async () => {
    expect(await t.relational.getRepository(SchoolHolidayEntity).count()).toBe(78);
    const calendar = t.app.get(StoredSchoolCalendar);
    expect(await calendar.sameSchoolPeriodLastYear('2026-11-09', '2026-11-15', 'A')).toEqual({ from: '2025-11-10', to: '2025-11-16', method: 'school_weeks' });
    // A one-week Toussaint in zone A in 2025: week 8 of 2025-2026 comes a week earlier.
    const moved = 'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\nVacances de la Toussaint;-;2025-10-18T00:00:00+02:00;2025-10-27T00:00:00+01:00;Besançon;Zone A;2025-2026\n';
    expect(await post(`${t.url}/catalog/imports/calendar`, moved, headersOf(admin))).toEqual({
      status: 200,
      body: { kind: 'calendar', dryRun: false, summary: { created: 0, updated: 1, unchanged: 0, rejected: 0 }, rejections: [] },
    });
    expect(await calendar.sameSchoolPeriodLastYear('2026-11-09', '2026-11-15', 'A')).toEqual({ from: '2025-11-03', to: '2025-11-09', method: 'school_weeks' });
  });

  it('refuses a body larger than CATALOG_UPLOAD_MAX_BYTES with 413, before reading it', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = http.request(`${t.url}/catalog/imports/annuaire`, { method: 'POST', headers: { ...headersOf(admin), 'content-length': String(300 * 1024 * 1024) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.write('Identifiant_de_l_etablissement;');
    });
    expect(answer).toEqual({ status: 413, body: { error: 'PAYLOAD_TOO_LARGE', message: 'the file is larger than 209715200 bytes (CATALOG_UPLOAD_MAX_BYTES)' } });
  });

  it('imports a generated 60,000-line annuaire (tens of MB) with memory that does not grow with the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-annuaire-'));
    try {
      const file = path.join(dir, 'annuaire.csv');
      const size = writeAnnuaire(file, 60_000);
      expect(size).toBeGreaterThan(20_000_000);
      // Reference data loaded at the first annuaire (the INSEE communes, ≈ 30 MB) is not the file's.
      await post(`${t.url}/catalog/imports/annuaire?dryRun=1`, sample, headersOf(admin));
      // What the process holds (garbage collected first), sampled while the import runs.
      const live = () => {
        gc();
        return process.memoryUsage().heapUsed;
      };
      const before = live();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, live())), 1_000);
      const answer = await post(`${t.url}/catalog/imports/annuaire`, { file }, headersOf(admin)).finally(() => clearInterval(sampler));
      expect(answer).toEqual({ status: 200, body: { kind: 'annuaire', dryRun: false, summary: { created: 60_000, updated: 0, unchanged: 0, rejected: 0 }, rejections: [] } });
      expect(await t.relational.getRepository(EstablishmentEntity).countBy({ departementCode: '70' })).toBe(60_000);
      // Read whole, the file alone would take twice its size in the heap (UTF-16), its parsed rows many times more.
      expect(peak - before).toBeLessThan(size / 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
