import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';
import { migrationBooleanDefault, migrationTimestampType } from '../columns.js';

/**
 * Users and their role records, applications and their tokens, sessions (CONTRACT.md §4–§5).
 * The four applications are reference data, inserted here.
 */
export class CreateAccountsAndSessions1795936891942 implements MigrationInterface {
  name = 'CreateAccountsAndSessions1795936891942';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = migrationTimestampType(queryRunner);
    const sqlFalse = migrationBooleanDefault(queryRunner, false);
    const sqlTrue = migrationBooleanDefault(queryRunner, true);
    const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
    const userId: TableColumnOptions = { name: 'user_id', type: 'integer' };
    const cascadeToUser = (name: string) => ({
      name,
      columnNames: ['user_id'],
      referencedTableName: 'users',
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE',
    });

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
          { name: 'first_name', type: 'varchar', length: '100' },
          { name: 'last_name', type: 'varchar', length: '100' },
          { name: 'phone', type: 'varchar', length: '40', isNullable: true },
          { name: 'remember_me', type: 'boolean', default: sqlFalse },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
        indices: [{ name: 'uq_users_email', columnNames: ['email'], isUnique: true }],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'clients',
        columns: [
          id,
          userId,
          { name: 'first_name', type: 'varchar', length: '100' },
          { name: 'last_name', type: 'varchar', length: '100' },
          { name: 'phone', type: 'varchar', length: '40', isNullable: true },
          { name: 'company_id', type: 'integer', isNullable: true },
          { name: 'company_name', type: 'varchar', length: '200', isNullable: true },
          { name: 'enterprise', type: 'varchar', length: '100', isNullable: true },
          { name: 'active', type: 'boolean', default: sqlTrue },
          { name: 'created_at', type: timestamp },
          { name: 'updated_at', type: timestamp },
        ],
        indices: [{ name: 'uq_clients_user_id', columnNames: ['user_id'], isUnique: true }],
        foreignKeys: [cascadeToUser('fk_clients_user')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'employees',
        columns: [id, userId, { name: 'admin', type: 'boolean', default: sqlFalse }, { name: 'created_at', type: timestamp }],
        indices: [{ name: 'uq_employees_user_id', columnNames: ['user_id'], isUnique: true }],
        foreignKeys: [cascadeToUser('fk_employees_user')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'liaisons',
        columns: [id, userId, { name: 'created_at', type: timestamp }],
        indices: [{ name: 'uq_liaisons_user_id', columnNames: ['user_id'], isUnique: true }],
        foreignKeys: [cascadeToUser('fk_liaisons_user')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'liaison_clients',
        columns: [
          { name: 'liaison_id', type: 'integer', isPrimary: true },
          { name: 'client_id', type: 'integer', isPrimary: true },
        ],
        // The names TypeORM's naming strategy gives the @JoinTable's indices, so entities and schema agree.
        indices: [
          { name: 'IDX_a401524b070cd4ed5c149f51e8', columnNames: ['liaison_id'] },
          { name: 'IDX_ddadd9d48f23a629b7527ba24c', columnNames: ['client_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_liaison_clients_liaison',
            columnNames: ['liaison_id'],
            referencedTableName: 'liaisons',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'CASCADE',
          },
          {
            name: 'fk_liaison_clients_client',
            columnNames: ['client_id'],
            referencedTableName: 'clients',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'applications',
        columns: [id, { name: 'slug', type: 'varchar', length: '40' }, { name: 'name', type: 'varchar', length: '100' }],
        indices: [{ name: 'uq_applications_slug', columnNames: ['slug'], isUnique: true }],
      }),
    );
    await queryRunner.manager
      .createQueryBuilder()
      .insert()
      .into('applications')
      .values([
        { slug: 'planoauth', name: 'PlanoAuth' },
        { slug: 'planoorder', name: 'PlanOrder' },
        { slug: 'planox2', name: 'PlanOx' },
        { slug: 'capture', name: 'CaptuRE' },
      ])
      .execute();

    await queryRunner.createTable(
      new Table({
        name: 'application_tokens',
        columns: [
          id,
          { name: 'application_id', type: 'integer' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'created_by_user_id', type: 'integer', isNullable: true },
          { name: 'created_at', type: timestamp },
          { name: 'revoked_at', type: timestamp, isNullable: true },
        ],
        indices: [{ name: 'uq_application_tokens_token_hash', columnNames: ['token_hash'], isUnique: true }],
        foreignKeys: [
          {
            name: 'fk_application_tokens_application',
            columnNames: ['application_id'],
            referencedTableName: 'applications',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          id,
          userId,
          { name: 'application_id', type: 'integer' },
          { name: 'token_hash', type: 'varchar', length: '64' },
          { name: 'created_at', type: timestamp },
          { name: 'last_used_at', type: timestamp },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'user_agent', type: 'varchar', length: '512', isNullable: true },
          { name: 'revoked_at', type: timestamp, isNullable: true },
          { name: 'expired_at', type: timestamp, isNullable: true },
        ],
        indices: [
          { name: 'uq_sessions_token_hash', columnNames: ['token_hash'], isUnique: true },
          { name: 'idx_sessions_user_id', columnNames: ['user_id'] },
        ],
        foreignKeys: [
          cascadeToUser('fk_sessions_user'),
          {
            name: 'fk_sessions_application',
            columnNames: ['application_id'],
            referencedTableName: 'applications',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['sessions', 'application_tokens', 'applications', 'liaison_clients', 'liaisons', 'employees', 'clients', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
