import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A welcome email's recipient name is first + ' ' + last name, up to 100 + 1 + 100 characters: the
 * outbox column held 200, so the longest names the registration DTOs accept failed on PostgreSQL
 * (CONTRACT.md §12: every length limit fits the column it ends in, derived values included).
 */
export class OutboxRecipientName1796000000002 implements MigrationInterface {
  name = 'OutboxRecipientName1796000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn(
      'email_outbox',
      'to_name',
      new TableColumn({ name: 'to_name', type: 'varchar', length: '255', isNullable: true }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.changeColumn('email_outbox', 'to_name', new TableColumn({ name: 'to_name', type: 'varchar', length: '200', isNullable: true }));
  }
}

