import type { DataSource } from 'typeorm';
import { loadDemoCatalog } from '../../catalog/demo/load-demo-catalog';
import { openRelationalStore } from '../../database/relational-data-source';
import { RELATIONAL_TARGETS } from '../../../../test/support/test-stores';
import { AnnotationEntity } from '../entities/annotation.entity';
import { loadDemoAnnotations } from './demo-annotations';

describe('demo annotations', () => {
  let dataSource: DataSource;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const created = await RELATIONAL_TARGETS[0].create();
    cleanup = created.cleanup;
    dataSource = await openRelationalStore(created.config);
    await dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await dataSource.destroy();
    await cleanup();
  });

  it('notes the opening of each deployment wave of the last 13 months, once', async () => {
    const today = new Date('2026-11-23T10:00:00Z');
    await loadDemoCatalog(dataSource, today);
    const added = await loadDemoAnnotations(dataSource, today);
    const notes = await dataSource.getRepository(AnnotationEntity).find({ order: { startsOn: 'ASC', territoryCode: 'ASC' } });
    // Haute-Saône's 2012 and 2013 waves, shifted to the last 13 months (the older waves opened before).
    expect(notes.map((n) => [n.territoryLevel, n.territoryCode, n.startsOn, n.endsOn, n.kind, n.text])).toEqual([
      ['departement', '70', '2025-11-05', '2025-12-10', 'ent_change', "Ouverture de l'ENT dans 3 collèges (Vague 2025)"],
      ['departement', '70', '2026-01-07', '2026-09-02', 'ent_change', "Ouverture de l'ENT dans 17 collèges (Généralisation 2026)"],
    ]);
    expect(added).toBe(notes.length);
    expect(await loadDemoAnnotations(dataSource, today)).toBe(0);
  });
});
