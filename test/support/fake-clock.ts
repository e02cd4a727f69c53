import { Clock } from '../../src/common/time/clock.js';

/** A clock tests move by hand: expiry is tested by advancing time, never by sleeping. */
export class FakeClock extends Clock {
  private current = new Date('2026-01-15T09:00:00.000Z');

  override now(): Date {
    return new Date(this.current.getTime());
  }

  set(at: Date | string): void {
    this.current = new Date(at);
  }

  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
