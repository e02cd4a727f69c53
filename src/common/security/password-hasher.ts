import { Injectable, type OnModuleInit } from '@nestjs/common';
import argon2 from 'argon2';

/**
 * argon2id at OWASP's recommended parameters (19 MiB, 2 iterations, parallelism 1). The native
 * binding runs each hash on libuv's thread pool, so hashing never blocks the event loop.
 */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher implements OnModuleInit {
  /** A real hash of nothing in particular: verifying against it costs what a real check costs. */
  private decoyHash: string;

  async onModuleInit(): Promise<void> {
    this.decoyHash = await argon2.hash('decoy password for timing parity', ARGON2_OPTIONS);
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, ARGON2_OPTIONS);
  }

  /** False for a wrong password and for a stored hash that cannot be read. */
  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(passwordHash, password);
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
