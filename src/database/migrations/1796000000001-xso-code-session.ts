import { TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * CONTRACT.md §12: an XSO code redeems only while the session that issued it is live, so each
 * code records that session. Nullable because codes issued before this migration have none; the
 * redeem claim requires a live session, so those (valid 60 s at most) simply stop redeeming.
 * Deleting a session deletes its codes.
 */
export class XsoCodeSession1796000000001 implements MigrationInterface {
  name = 'XsoCodeSession1796000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('xso_codes', new TableColumn({ name: 'session_id', type: 'integer', isNullable: true }));
    await queryRunner.createIndex('xso_codes', new TableIndex({ name: 'idx_xso_codes_session_id', columnNames: ['session_id'] }));
    await queryRunner.createForeignKey(
      'xso_codes',
      new TableForeignKey({
        name: 'fk_xso_codes_session',
        columnNames: ['session_id'],
        referencedTableName: 'sessions',
        referencedColumnNames: ['id'],
        onDelete: 'CASCADE',
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey('xso_codes', 'fk_xso_codes_session');
    await queryRunner.dropIndex('xso_codes', 'idx_xso_codes_session_id');
    await queryRunner.dropColumn('xso_codes', 'session_id');
  }
}
