import { jest } from '@jest/globals';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';
import { DatabasePing } from './database-ping.js';

const TIMEOUT_MS = 2000;

function pingWith(query: () => Promise<unknown>) {
  return new DatabasePing({ query } as unknown as DataSource, new HealthIndicatorService());
}

describe('DatabasePing', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('is up, with its response time, when SELECT 1 answers, and leaves no timer behind', async () => {
    const query = jest.fn(async () => [{ '?column?': 1 }]);
    const result = await pingWith(query).check('database', TIMEOUT_MS);
    expect(query).toHaveBeenCalledWith('SELECT 1');
    expect(result).toEqual({ database: { status: 'up', responseTime: expect.any(Number) } });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('is down with the message of the failure when the query fails', async () => {
    const result = await pingWith(async () => Promise.reject(new Error('Connection terminated unexpectedly'))).check('database', TIMEOUT_MS);
    expect(result).toEqual({ database: { status: 'down', message: 'Connection terminated unexpectedly', responseTime: expect.any(Number) } });
    expect(jest.getTimerCount()).toBe(0);
  });

  it('is down once the deadline passes while the query hangs, as terminus words it', async () => {
    const pending = pingWith(() => new Promise(() => undefined)).check('database', TIMEOUT_MS);
    let settled = false;
    void pending.then(() => (settled = true));
    await jest.advanceTimersByTimeAsync(TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await expect(pending).resolves.toEqual({ database: { status: 'down', message: `timeout of ${TIMEOUT_MS}ms exceeded`, responseTime: expect.any(Number) } });
  });

  it('stays down when the query fails after its deadline', async () => {
    let fail: (error: Error) => void = () => undefined;
    const pending = pingWith(() => new Promise((_resolve, reject) => (fail = reject))).check('database', TIMEOUT_MS);
    await jest.advanceTimersByTimeAsync(TIMEOUT_MS);
    fail(new Error('too late')); // handled by the race: no unhandled rejection
    await expect(pending).resolves.toMatchObject({ database: { status: 'down', message: `timeout of ${TIMEOUT_MS}ms exceeded` } });
  });
});
