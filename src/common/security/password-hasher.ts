import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';
import { authConfig, type AuthConfig } from '../../config/auth.config.js';
import { ConcurrencyLimit } from '../concurrency/concurrency-limit.js';

/**
 * argon2id at OWASP's recommended parameters (19 MiB, 2 iterations, parallelism 1). The native
 * binding runs each hash on libuv's thread pool, so hashing never blocks the event loop itself;
 * but four pool threads hashing at once take every core of a small machine, and the event loop
 * then waits for CPU. So at most PASSWORD_HASH_CONCURRENCY of them run at once (cores − 1 by
 * default) and the rest queue: a login storm slows logins, not every other request.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** A real hash of nothing in particular: verifying against it costs what a real check costs. */
  private decoyHash: string;
  private readonly limit: ConcurrencyLimit;

  constructor(@Inject(authConfig.KEY) config: Pick<AuthConfig, 'passwordHashConcurrency'>) {
    this.limit = new ConcurrencyLimit(config.passwordHashConcurrency);
  }

  async onModuleInit(): Promise<void> {
    this.decoyHash = await this.hash('decoy password for timing parity');
  }

  hash(password: string): Promise<string> {
    return this.limit.run(() => argon2.hash(password, ARGON2_OPTIONS));
  }

  /** False for a wrong password and for a stored hash that cannot be read. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await this.limit.run(() => argon2.verify(passwordHash, password));
    } catch {
      return false;
    }
  }

  /**
   * Spends the time of one verification and answers false: for an unknown email or a user with
   * no password, so the response time does not tell which emails exist.
   */
  async verifyDecoy(password: string): Promise<false> {
    await this.verify(this.decoyHash, password);
    return false;
  }
}
