import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationTimestampType } from '../columns.js';

/**
 * CONTRACT.md §12 ("production rules"):
 * - pending registrations: a user (clients/register, users/register) or a client record
 *   (users/client_register) exists but stays unusable until its welcome email is sent;
 * - rate-limit counters every instance shares;
 * - notifications that fold repeats of one failure into a count.
 */
export class ProductionRules1796000000000 implements MigrationInterface {
  name = 'ProductionRules1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = migrationTimestampType(queryRunner);
    for (const table of ['users', 'clients']) {
      await queryRunner.addColumn(table, new TableColumn({ name: 'pending_since', type: timestamp, isNullable: true }));
      await queryRunner.createIndex(table, new TableIndex({ name: `idx_${table}_pending_since`, columnNames: ['pending_since'] }));
    }

    await queryRunner.createTable(
      new Table({
        name: 'rate_limit_counters',
        columns: [
          // SHA-256 of the counter's key (kind, address, email): no address or email is stored.
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'hits', type: 'integer' },
          // Milliseconds since the epoch: compared arithmetically the same way on both engines.
          { name: 'resets_at', type: 'bigint' },
        ],
      }),
    );
    await queryRunner.createIndex('rate_limit_counters', new TableIndex({ name: 'idx_rate_limit_counters_resets_at', columnNames: ['resets_at'] }));

    await queryRunner.addColumn('notifications', new TableColumn({ name: 'count', type: 'integer', default: 1 }));
    await queryRunner.addColumn('notifications', new TableColumn({ name: 'last_seen_at', type: timestamp, isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('notifications', 'last_seen_at');
    await queryRunner.dropColumn('notifications', 'count');
    await queryRunner.dropTable('rate_limit_counters');
    for (const table of ['clients', 'users']) {
      await queryRunner.dropIndex(table, `idx_${table}_pending_since`);
      await queryRunner.dropColumn(table, 'pending_since');
    }
  }
}
