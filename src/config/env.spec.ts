import { readAppConfig } from './app.config.js';
import { readDatabaseConfig } from './database.config.js';
import { ConfigError, EnvReader } from './env.js';

describe('EnvReader', () => {
  it('returns defaults for unset and blank variables', () => {
    const read = new EnvReader({ BLANK: '  ' });
    expect(read.int('UNSET', 7)).toBe(7);
    expect(read.int('BLANK', 7)).toBe(7);
    expect(read.bool('UNSET', true)).toBe(true);
    expect(read.string('UNSET', 'x')).toBe('x');
    expect(read.optionalInt('UNSET')).toBeUndefined();
  });

  it.each([
    ['an integer', () => new EnvReader({ N: '12x' }).int('N', 0)],
    ['an integer in range', () => new EnvReader({ N: '70000' }).int('N', 0, { min: 0, max: 65535 })],
    ['a boolean', () => new EnvReader({ N: 'perhaps' }).bool('N', false)],
    ['one of the allowed values', () => new EnvReader({ N: 'c' }).oneOf('N', ['a', 'b'], 'a')],
  ])('names the variable when a value is not %s', (_kind, read) => {
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(/^Invalid configuration: N /);
  });

  it('reads booleans the way operators write them', () => {
    expect(new EnvReader({ A: 'TRUE', B: '0', C: 'off', D: 'yes' }).bool('A', false)).toBe(true);
    expect(new EnvReader({ B: '0' }).bool('B', true)).toBe(false);
    expect(new EnvReader({ C: 'off' }).bool('C', true)).toBe(false);
    expect(new EnvReader({ D: 'yes' }).bool('D', false)).toBe(true);
  });
});

describe('config namespaces', () => {
  it('have quick-start defaults', () => {
    expect(readAppConfig({})).toEqual({ port: 3000, host: '127.0.0.1', bodyLimitBytes: 102400, logLevel: 'info', trustProxyHops: 0, shutdownGraceMs: 15000, requestTimeoutMs: 30000 });
    expect(readDatabaseConfig({})).toMatchObject({
      url: 'sqlite:./data/plano.sqlite',
      engine: 'sqlite',
      runMigrations: true,
      poolSize: 10,
      poolTimeoutMs: 5000,
      statementTimeoutMs: 10000,
      idleInTransactionTimeoutMs: 10000,
    });
  });

  it('keep the shutdown grace longer than a Mandrill call, so a registration mid-send can finish', () => {
    expect(readAppConfig({ MANDRILL_TIMEOUT_MS: '30000' }).shutdownGraceMs).toBe(35000);
    expect(readAppConfig({ MANDRILL_TIMEOUT_MS: '3000', SHUTDOWN_GRACE_MS: '4000' }).shutdownGraceMs).toBe(4000);
    const tooShort = () => readAppConfig({ MANDRILL_TIMEOUT_MS: '10000', SHUTDOWN_GRACE_MS: '10000' });
    expect(tooShort).toThrow(ConfigError);
    expect(tooShort).toThrow(/SHUTDOWN_GRACE_MS must be longer than MANDRILL_TIMEOUT_MS/);
  });

  it('refuse a REQUEST_TIMEOUT_MS that would let a stalled request hold its connection for ever', () => {
    expect(readAppConfig({ REQUEST_TIMEOUT_MS: '1000' }).requestTimeoutMs).toBe(1000);
    for (const value of ['0', '999', 'soon']) {
      expect(() => readAppConfig({ REQUEST_TIMEOUT_MS: value })).toThrow(/^Invalid configuration: REQUEST_TIMEOUT_MS /);
    }
  });

  it.each(['DATABASE_POOL_TIMEOUT_MS', 'DATABASE_STATEMENT_TIMEOUT_MS', 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'])('refuse a %s that is not a positive duration', (variable) => {
    expect(() => readDatabaseConfig({ [variable]: '0' })).toThrow(new RegExp(variable));
    expect(() => readDatabaseConfig({ [variable]: 'soon' })).toThrow(new RegExp(variable));
  });

  it('recognise both database engines', () => {
    expect(readDatabaseConfig({ DATABASE_URL: 'postgres://u:p@db/plano' }).engine).toBe('postgres');
    expect(readDatabaseConfig({ DATABASE_URL: 'postgresql://db/plano' }).engine).toBe('postgres');
  });

  it('refuse an unknown database URL without echoing its password', () => {
    const read = () => readDatabaseConfig({ DATABASE_URL: 'mysql://root:hunter2@db/plano' });
    expect(read).toThrow(/DATABASE_URL/);
    expect(read).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
