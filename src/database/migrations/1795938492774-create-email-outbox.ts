import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationTimestampType } from '../columns.js';

/** The email outbox (EMAIL_TRANSPORT=outbox keeps messages here instead of sending them). */
export class CreateEmailOutbox1795938492774 implements MigrationInterface {
  name = 'CreateEmailOutbox1795938492774';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'email_outbox',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'to_email', type: 'varchar', length: '254' },
          { name: 'to_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'subject', type: 'varchar', length: '255' },
          { name: 'html', type: 'text' },
          { name: 'text', type: 'text' },
          { name: 'created_at', type: migrationTimestampType(queryRunner) },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('email_outbox');
  }
}
