/**
 * Typed reads of environment variables. Every reader either returns a valid value (the variable's
 * or its quick-start default) or throws a ConfigError that names the variable, so a bad value
 * stops the app at start with a message an operator can act on.
 */
export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string, received: string) {
    super(`Invalid configuration: ${variable} ${problem} (got "${received}")`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export class EnvReader {
  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback: string): string {
    const raw = this.raw(name);
    return raw ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  int(name: string, fallback: number, range: { min?: number; max?: number } = {}): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const min = range.min ?? Number.MIN_SAFE_INTEGER;
    const max = range.max ?? Number.MAX_SAFE_INTEGER;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new ConfigError(name, `must be an integer from ${min} to ${max}`, raw);
    }
    return value;
  }

  optionalInt(name: string, range: { min?: number; max?: number } = {}): number | undefined {
    return this.raw(name) === undefined ? undefined : this.int(name, 0, range);
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const normalized = raw.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(normalized)) return true;
    if (['false', '0', 'no', 'off'].includes(normalized)) return false;
    throw new ConfigError(name, 'must be true or false', raw);
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}`, raw);
  }

  /** Unset and empty are the same: an operator blanking a variable in .env means "use the default". */
  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }
}
