import { Controller, Get, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiStatuses } from '../../src/common/openapi/api-statuses.decorator.js';
import { RouteName } from '../../src/common/routing/route.decorators.js';
import { Public } from '../../src/modules/auth/auth.decorators.js';

/** A password hash and a session-token digest, as a failing query would carry them. */
export const PROBE_PASSWORD_HASH = '$argon2id$v=19$m=19456,t=2,p=1$cHJvYmVzYWx0$cHJvYmVoYXNodmFsdWVub3RyZWFs';
export const PROBE_TOKEN_DIGEST = 'f00dfeed'.repeat(8);
export const PROBE_EMAIL = 'secret.probe@example.com';

/*
 * A test-only route whose query fails in the database with secrets among its bound parameters:
 * it inserts one session id twice (a primary key violation; there must be a user with a
 * password), carrying a password hash, an email and a token digest. It lives under test/ so the
 * app itself never serves it.
 */
@Controller('api/v1/secrets_probe')
@Public()
export class SecretsProbeController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('failing_query')
  @RouteName('Secrets Probe Failing Query API')
  @ApiStatuses()
  async failingQuery(): Promise<never> {
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `INSERT INTO sessions (id, user_id, application_id, token_hash, created_at, last_used_at)
       SELECT :id, u.id, 1, :digest, u.created_at, u.created_at FROM users u WHERE u.password_hash <> :hash OR u.email = :email
       UNION ALL SELECT :id, u.id, 1, :digest, u.created_at, u.created_at FROM users u`,
      { id: 424242, digest: PROBE_TOKEN_DIGEST, hash: PROBE_PASSWORD_HASH, email: PROBE_EMAIL },
    );
    await this.dataSource.query(sql, parameters);
    throw new Error('the probe query was expected to fail');
  }
}

@Module({ controllers: [SecretsProbeController] })
export class SecretsProbeModule {}
