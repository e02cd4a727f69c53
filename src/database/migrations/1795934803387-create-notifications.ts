import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationTimestampType } from '../columns.js';

/** The notifications tab (CONTRACT.md §7). Written with the schema API so one migration serves both engines. */
export class CreateNotifications1795934803387 implements MigrationInterface {
  name = 'CreateNotifications1795934803387';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = migrationTimestampType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '64' },
          { name: 'route', type: 'varchar', length: '255', isNullable: true },
          { name: 'request_id', type: 'varchar', length: '128', isNullable: true },
          { name: 'message', type: 'text' },
          { name: 'created_at', type: timestamp },
          { name: 'acknowledged_at', type: timestamp, isNullable: true },
        ],
      }),
    );
    await queryRunner.createIndex(
      'notifications',
      new TableIndex({ name: 'idx_notifications_acknowledged_at', columnNames: ['acknowledged_at'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('notifications');
  }
}
