import { QueryFailedError } from 'typeorm';
import { DatabaseUnavailableError, isDatabaseUnavailable, isUniqueViolation } from './errors.js';

const queryFailed = (driverError: Record<string, unknown>) => new QueryFailedError('SELECT 1', [], Object.assign(new Error(String(driverError.message ?? 'failed')), driverError));

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['no free pool connection in time', new Error('timeout exceeded when trying to connect')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['the server shutting down (57P01), wrapped by TypeORM', queryFailed({ code: '57P01', message: 'terminating connection due to administrator command' })],
    ['a connection exception (08006)', queryFailed({ code: '08006' })],
    ['a database that accepts no connections', new Error('database "plano" is not currently accepting connections')],
    ['a failed health ping', new DatabaseUnavailableError('no answer')],
  ])('%s: yes', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', queryFailed({ code: '23505' })],
    ['a statement timeout (57014)', queryFailed({ code: '57014', message: 'canceling statement due to statement timeout' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a non-error', 'oops'],
  ])('%s: no', (_case, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('isUniqueViolation', () => {
  it('recognises both engines', () => {
    expect(isUniqueViolation(queryFailed({ code: '23505' }))).toBe(true);
    expect(isUniqueViolation(queryFailed({ code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(true);
    expect(isUniqueViolation(queryFailed({ code: '57014' }))).toBe(false);
  });
});
