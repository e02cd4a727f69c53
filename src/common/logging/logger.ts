import { Inject, Injectable, type LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import { appConfig, type AppConfig } from '../../config/app.config.js';
import { censorSecretFields, serializeError } from './redact.js';

/** Where log lines go. stdout in the app; tests swap in a stream they can read. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

export function createPino(level: AppConfig['logLevel'], destination: DestinationStream): Pino {
  return pino(
    {
      level,
      base: { service: 'plano' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: censorSecretFields },
      serializers: { err: serializeError },
    },
    destination,
  );
}

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService on top of pino, so Nest's own messages and ours are the same JSON lines.
 * `new Logger(Context)` in any class writes through here once the app has called useLogger.
 */
@Injectable()
export class AppLogger implements LoggerService {
  readonly pino: Pino;

  constructor(@Inject(appConfig.KEY) config: AppConfig, @Inject(LOG_DESTINATION) destination: DestinationStream) {
    this.pino = createPino(config.logLevel, destination);
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest calls `(message, ...extras, context)`; an error's stack arrives as a string extra. */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const context = params.length > 0 && typeof params.at(-1) === 'string' ? (params.at(-1) as string) : undefined;
    const extras = context === undefined ? params : params.slice(0, -1);
    const fields: Record<string, unknown> = context ? { context } : {};
    const stack = extras.find((extra): extra is string => typeof extra === 'string' && extra.includes('\n'));
    if (stack) fields.stack = stack;

    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      this.pino[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
