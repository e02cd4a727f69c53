import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { migrationBooleanDefault } from '../columns.js';

/**
 * The fields of PlanoCore's Clients Update page that PlanOx edits (issue 14): the assistant and the
 * addresses copied on order emails, the staff's internal notes, the realtor's licence and bio, and
 * the name and email shown instead of the account's when their `use_` flag is on.
 */
const TEXT_COLUMNS: ReadonlyArray<readonly [name: string, length: number]> = [
  ['assistant_first_name', 100],
  ['assistant_last_name', 100],
  ['assistant_phone', 40],
  ['assistant_emails', 1000],
  ['additional_emails', 1000],
  ['employee_notes', 4000],
  ['realtor_license', 100],
  ['bio', 4000],
  ['display_name', 200],
  ['display_email', 255],
];
const FLAG_COLUMNS = ['use_display_name', 'use_display_email'];

export class ClientUpdateFields1796000000004 implements MigrationInterface {
  name = 'ClientUpdateFields1796000000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('clients', [
      ...TEXT_COLUMNS.map(([name, length]) => new TableColumn({ name, type: 'varchar', length: String(length), isNullable: true })),
      ...FLAG_COLUMNS.map((name) => new TableColumn({ name, type: 'boolean', default: migrationBooleanDefault(queryRunner, false) })),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('clients', [...TEXT_COLUMNS.map(([name]) => name), ...FLAG_COLUMNS]);
  }
}
