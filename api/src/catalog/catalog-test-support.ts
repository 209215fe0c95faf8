import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import type { RelationalTarget } from '../../../test/support/test-stores';
import { openRelationalStore } from '../database/relational-data-source';
import { ScopeService } from '../scope/scope.service';

/** A migrated, empty relational store of a test target, with its scope service. */
export async function openCatalogTestStore(target: RelationalTarget): Promise<{ dataSource: DataSource; scopeService: ScopeService; close: () => Promise<void> }> {
  const created = await target.create();
  const dataSource = await openRelationalStore(created.config);
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    dataSource,
    scopeService: new ScopeService(dataSource),
    close: async () => {
      // The Nest application may have closed it already.
      if (dataSource.isInitialized) await dataSource.destroy();
      await created.cleanup();
    },
  };
}

export const FIXTURES_DIR = path.join(__dirname, 'fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, name), 'utf8');
}
