import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationTimestampType } from '../columns.js';

/** Orders and tours of clients, and the one-time XSO handoff codes (CONTRACT.md §9). */
export class CreateOrdersToursXso1795939652622 implements MigrationInterface {
  name = 'CreateOrdersToursXso1795939652622';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = migrationTimestampType(queryRunner);
    const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
    await queryRunner.createTable(
      new Table({
        name: 'orders',
        columns: [
          id,
          { name: 'client_id', type: 'integer' },
          { name: 'address', type: 'varchar', length: '300' },
          { name: 'created_by_user_id', type: 'integer', isNullable: true },
          { name: 'created_at', type: timestamp },
        ],
        indices: [{ name: 'idx_orders_client_id', columnNames: ['client_id'] }],
        foreignKeys: [
          { name: 'fk_orders_client', columnNames: ['client_id'], referencedTableName: 'clients', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tours',
        columns: [
          id,
          { name: 'client_id', type: 'integer' },
          { name: 'order_id', type: 'integer', isNullable: true },
          { name: 'address', type: 'varchar', length: '300' },
          { name: 'created_by_user_id', type: 'integer', isNullable: true },
          { name: 'created_at', type: timestamp },
        ],
        indices: [{ name: 'idx_tours_client_id', columnNames: ['client_id'] }],
        foreignKeys: [
          { name: 'fk_tours_client', columnNames: ['client_id'], referencedTableName: 'clients', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_tours_order', columnNames: ['order_id'], referencedTableName: 'orders', referencedColumnNames: ['id'], onDelete: 'SET NULL' },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'xso_codes',
        columns: [
          id,
          { name: 'code_hash', type: 'varchar', length: '64' },
          { name: 'user_id', type: 'integer' },
          { name: 'client_id', type: 'integer' },
          { name: 'application_id', type: 'integer' },
          { name: 'target', type: 'varchar', length: '10' },
          { name: 'order_id', type: 'integer', isNullable: true },
          { name: 'tour_id', type: 'integer', isNullable: true },
          { name: 'created_at', type: timestamp },
          { name: 'expires_at', type: timestamp },
          { name: 'redeemed_at', type: timestamp, isNullable: true },
        ],
        indices: [{ name: 'uq_xso_codes_code_hash', columnNames: ['code_hash'], isUnique: true }],
        foreignKeys: [
          { name: 'fk_xso_codes_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['xso_codes', 'tours', 'orders']) await queryRunner.dropTable(table);
  }
}
