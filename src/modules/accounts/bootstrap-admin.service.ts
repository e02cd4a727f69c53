import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { PasswordHasher } from '../../common/security/password-hasher.js';
import { PlanoException } from '../../common/status/plano.exception.js';
import { authConfig, type AuthConfig } from '../../config/auth.config.js';
import { isUniqueViolation } from '../../database/errors.js';
import { AccountsService } from './accounts.service.js';

/**
 * BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD: at start, if no admin employee exists, create
 * one (or make the existing user with that email one). Idempotent, also when several instances
 * start at once: the unique indexes let one of them win and the others find it done.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordHasher,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.bootstrapAdmin;
    if (!admin || (await this.accounts.adminExists())) return;
    try {
      const user =
        (await this.accounts.findUserByEmail(admin.email)) ??
        (await this.accounts.createUser({
          email: admin.email,
          passwordHash: await this.passwords.hash(admin.password),
          firstName: 'Plano',
          lastName: 'Admin',
        }));
      await this.accounts.createEmployee(user.id, true);
      this.logger.log({ msg: 'bootstrap admin created', user_id: user.id });
    } catch (error) {
      // Another instance got there first.
      if (error instanceof PlanoException || isUniqueViolation(error)) return;
      throw error;
    }
  }
}
