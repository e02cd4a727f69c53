import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationTimestampType } from '../columns.js';

/** `applications/tokens` shows when each application token was last used, so an admin can tell a live credential from a forgotten one. */
export class ApplicationTokenLastUsed1796000000003 implements MigrationInterface {
  name = 'ApplicationTokenLastUsed1796000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('application_tokens', new TableColumn({ name: 'last_used_at', type: migrationTimestampType(queryRunner), isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('application_tokens', 'last_used_at');
  }
}
