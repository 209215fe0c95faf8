import { loadConfig } from '@ent/config';
import type { DataSource } from 'typeorm';
import { RELATIONAL_TARGETS } from '../../../test/support/test-stores';
import { openRelationalStore } from '../database/relational-data-source';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditService } from './audit.service';

const T0 = new Date('2026-03-02T08:00:00.000Z');
const user = { id: 'u1', email: 'conseiller.70@ent.example.fr', displayName: 'C', role: 'councillor' as const, territories: [], mustChangePassword: false, sessionId: 's', csrfHash: 'h' };

describe.each(RELATIONAL_TARGETS)('AuditService batches on $name', (target) => {
  let ds: DataSource;
  let cleanup: () => Promise<void>;
  let audit: AuditService;

  beforeAll(async () => {
    const created = await target.create();
    cleanup = created.cleanup;
    ds = await openRelationalStore(created.config);
    await ds.runMigrations();
    audit = new AuditService(ds.getRepository(AuditEntryEntity), loadConfig({}));
  });
  afterAll(async () => {
    await ds?.destroy();
    await cleanup?.();
  });
  beforeEach(async () => {
    await audit.flush();
    await ds.getRepository(AuditEntryEntity).clear();
  });

  it('writes queued entries within 100 ms without being asked, with what was asked and never a secret', async () => {
    audit.recordInBackground({ user, action: 'query adoption', args: { query: { territory: { level: 'departement', code: '70' } } }, outcome: 'ok' }, T0);
    audit.recordInBackground({ email: 'x@ent.example.fr', action: 'POST /auth/login', args: { body: { email: 'x@ent.example.fr', password: 'secret words' } }, outcome: 'denied' }, T0);
    expect(await ds.getRepository(AuditEntryEntity).count()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    const rows = await ds.getRepository(AuditEntryEntity).find({ order: { action: 'ASC' } });
    expect(rows.map((r) => [r.action, r.outcome, r.userEmail, r.role, r.request, r.at.toISOString()])).toEqual([
      ['POST /auth/login', 'denied', 'x@ent.example.fr', null, '{"body":{"email":"x@ent.example.fr","password":"[redacted]"}}', T0.toISOString()],
      ['query adoption', 'ok', 'conseiller.70@ent.example.fr', 'councillor', '{"query":{"territory":{"level":"departement","code":"70"}}}', T0.toISOString()],
    ]);
  });

  it('writes a full batch at once, and every entry once (flush, page and purge see the whole queue)', async () => {
    for (let i = 0; i < 450; i++) audit.recordInBackground({ user, action: `query n${i}`, args: {}, outcome: 'ok' }, new Date(T0.getTime() + i * 1000));
    const page = await audit.page(100);
    expect(page.length).toBe(100);
    expect(page[0].action).toBe('query n449');
    expect(await ds.getRepository(AuditEntryEntity).count()).toBe(450);
    await audit.flush();
    expect(await ds.getRepository(AuditEntryEntity).count()).toBe(450);
    expect(await audit.purge(new Date(T0.getTime() + 400 * 24 * 3600_000))).toBe(450);
  });

  it('reports a batch it could not write, and goes on with the next one', async () => {
    const errors: string[] = [];
    (audit as unknown as { logger: { error: (m: string) => void } }).logger = { error: (m: string) => errors.push(m) };
    audit.recordInBackground({ user, action: 'query x'.repeat(40), args: {}, outcome: 'ok' }, T0);
    const insert = ds.getRepository(AuditEntryEntity).insert;
    const repo = (audit as unknown as { entries: { insert: unknown } }).entries;
    repo.insert = () => Promise.reject(new Error('disk full'));
    await audit.flush();
    repo.insert = insert.bind(ds.getRepository(AuditEntryEntity));
    audit.recordInBackground({ user, action: 'query y', args: {}, outcome: 'ok' }, T0);
    await audit.flush();
    expect(errors).toEqual([`1 audit entries not recorded (${'query x'.repeat(40).slice(0, 200)} → ok): disk full`]);
    expect((await ds.getRepository(AuditEntryEntity).find()).map((r) => r.action)).toEqual(['query y']);
  });
});
