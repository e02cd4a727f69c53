import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationTimestampType } from '../columns.js';

/** The routes / API services registry (CONTRACT.md §8) and its change counter. */
export class CreateRegistry1795938880784 implements MigrationInterface {
  name = 'CreateRegistry1795938880784';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = migrationTimestampType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'api_services',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'slug', type: 'varchar', length: '60' },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'deployed', type: 'boolean' },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
        indices: [{ name: 'uq_api_services_slug', columnNames: ['slug'], isUnique: true }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'routes',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'method', type: 'varchar', length: '10' },
          { name: 'path', type: 'varchar', length: '255' },
          { name: 'name', type: 'varchar', length: '120' },
          { name: 'service_id', type: 'integer' },
          { name: 'sensitive_params', type: 'boolean' },
          { name: 'deployed', type: 'boolean' },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
        indices: [{ name: 'uq_routes_method_path', columnNames: ['method', 'path'], isUnique: true }],
        foreignKeys: [
          { name: 'fk_routes_service', columnNames: ['service_id'], referencedTableName: 'api_services', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'registry_version',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'version', type: 'integer' },
        ],
      }),
    );
    await queryRunner.manager.createQueryBuilder().insert().into('registry_version').values({ id: 1, version: 0 }).execute();
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['registry_version', 'routes', 'api_services']) await queryRunner.dropTable(table);
  }
}
