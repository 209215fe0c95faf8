import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The territories an ingestion key's source serves (JSON list of `{ level, code }`): events of
 * other establishments are refused. NULL is national reach: the keys that exist before this
 * migration keep it (nothing a source sends today is refused on upgrade) until an administrator
 * narrows them (`npm run keys -- territories <id> --territory …`); `keys list` warns about them.
 */
export class BindIngestKeysToTerritories1763900000801 implements MigrationInterface {
  name = 'BindIngestKeysToTerritories1763900000801';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('ingest_api_key', new TableColumn({ name: 'territories', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('ingest_api_key', 'territories');
  }
}
