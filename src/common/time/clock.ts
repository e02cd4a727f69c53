import { Injectable } from '@nestjs/common';

/**
 * The platform's source of "now". Everything time-dependent (expiry, throttled writes, code TTLs)
 * asks the clock rather than `new Date()`, so tests move time instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
