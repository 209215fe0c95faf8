import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTs } from '../reliability/support/reliability-helpers';

jest.setTimeout(120_000);

const KEYS = 'api/src/ingestion/cli/ingest-keys.cli.ts';

describe('npm run keys', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ent-keys-cli-'));
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('binds a new key to territories, warns about keys of national reach, and narrows them', async () => {
    const refused = await runTs(KEYS, ['create', 'ent-haute-saone'], env).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({
      code: 2,
      stderr: 'name the territories the source serves (--territory departement:70 --territory etablissement:0430002U …), or --national\n',
    });
    const wrong = await runTs(KEYS, ['create', 'ent-haute-saone', '--territory', 'departement:70', '--territory', 'departement:700'], env).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(wrong).toMatchObject({ code: 1, stderr: 'territories[1] (departement:700): no département has the code "700" (e.g. 70, 2A, 974)\n' });

    const bound = await runTs(KEYS, ['create', 'ent-haute-saone', '--territory', 'departement:070', '--territory', 'etablissement:0430002U'], env);
    expect(bound.stdout).toMatch(/^No product running on .*: opening the store directly\.\nAPI key created for source ent-haute-saone \(id [0-9a-f-]{36}\), reach: departement:70 etablissement:0430002U\. It is shown only now:/);
    const national = await runTs(KEYS, ['create', 'ent-national', '--national'], env);
    const prefix = /\b(entk_[A-Za-z0-9_-]{7})/.exec(national.stdout)?.[1] as string;

    const listed = await runTs(KEYS, ['list'], env);
    expect(listed.stdout).toMatch(/ent-haute-saone\s+created \S+\s+reach: departement:70 etablissement:0430002U\n/);
    expect(listed.stdout).toMatch(/ent-national\s+created \S+\s+reach: NATIONAL \(every establishment\)\n/);
    expect(listed.stderr).toContain(`Warning: 1 active key(s) have national reach and accept events of every establishment: ${prefix}… (ent-national).`);

    const narrowed = await runTs(KEYS, ['territories', prefix, '--territory', 'departement:73'], env);
    expect(narrowed.stdout).toMatch(/of source ent-national now has the reach: departement:73\.\n$/);
    const after = await runTs(KEYS, ['list'], env);
    expect(after.stderr).toBe('');
  });
});
