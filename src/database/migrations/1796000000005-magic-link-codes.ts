import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationTimestampType } from '../columns.js';

/** One-time sign-in codes of magic links (issue 14): only their SHA-256, redeemed once. */
export class MagicLinkCodes1796000000005 implements MigrationInterface {
  name = 'MagicLinkCodes1796000000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = migrationTimestampType(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'magic_link_codes',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'code_hash', type: 'varchar', length: '64' },
          { name: 'user_id', type: 'integer' },
          { name: 'application_id', type: 'integer' },
          { name: 'redirect_url', type: 'varchar', length: '2048', isNullable: true },
          { name: 'created_at', type: timestamp },
          { name: 'expires_at', type: timestamp },
          { name: 'used_at', type: timestamp, isNullable: true },
        ],
        indices: [
          { name: 'uq_magic_link_codes_code_hash', columnNames: ['code_hash'], isUnique: true },
          { name: 'idx_magic_link_codes_user_id', columnNames: ['user_id'] },
        ],
        foreignKeys: [
          { name: 'fk_magic_link_codes_user', columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { name: 'fk_magic_link_codes_application', columnNames: ['application_id'], referencedTableName: 'applications', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('magic_link_codes');
  }
}
