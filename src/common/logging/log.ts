import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import type { AppConfiguration } from '../../config/configuration.js';

/**
 * The server's log: pino (Fastify's own logger), one JSON line per event on standard output,
 * written asynchronously (lines are gathered while a write is in progress and flushed
 * synchronously when the process exits), so that a request never waits for a log line.
 *
 * Every line has the shape the server's lines had under Nest's JSON console logger: `level`
 * (`log` for what pino calls info), `pid`, `timestamp` (milliseconds since the epoch), `message`
 * and `context`; the request line has its fields at the top level (see http-hooks.ts).
 */
export type Log = Logger;

/** LOG_LEVEL's names (Nest's) to pino's. */
const PINO_LEVELS: Record<AppConfiguration['logLevel'], Level> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
};

/**
 * Keys whose values never reach a log line, whatever object a caller logs: written as
 * "[Redacted]". Top-level keys only: pino checks them by name at no cost to lines without them,
 * whereas a wildcard path would walk every logged object. The request line is safe by
 * construction (it names none of these); this guards every other log call.
 */
export const REDACTED_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'pin',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'headers',
  'body',
] as const;

/** Where the server's lines go: standard output, asynchronously. */
export function standardOutput(): DestinationStream {
  return pino.destination({ dest: 1, sync: false });
}

/** The log at LOG_LEVEL, to `destination` (standard output, asynchronously, unless given). */
export function createLog(
  level: AppConfiguration['logLevel'],
  destination: DestinationStream = standardOutput(),
): Log {
  return pino(
    {
      level: PINO_LEVELS[level],
      messageKey: 'message',
      base: { pid: process.pid },
      timestamp: () => `,"timestamp":${Date.now()}`,
      formatters: { level: (label) => ({ level: label === 'info' ? 'log' : label }) },
      redact: { paths: [...REDACTED_KEYS] },
    },
    destination,
  );
}

/**
 * Nest's logger (`new Logger('Context')` in the modules, and Nest's own start-up lines) writing to
 * the same log. Nest passes the context as the last argument, and an error's stack before it.
 */
export class NestLog implements LoggerService {
  constructor(private readonly target: Log) {}

  log(message: unknown, ...parameters: unknown[]): void {
    this.write('info', message, parameters);
  }

  error(message: unknown, ...parameters: unknown[]): void {
    this.write('error', message, parameters);
  }

  warn(message: unknown, ...parameters: unknown[]): void {
    this.write('warn', message, parameters);
  }

  debug(message: unknown, ...parameters: unknown[]): void {
    this.write('debug', message, parameters);
  }

  verbose(message: unknown, ...parameters: unknown[]): void {
    this.write('trace', message, parameters);
  }

  fatal(message: unknown, ...parameters: unknown[]): void {
    this.write('fatal', message, parameters);
  }

  private write(level: Level, message: unknown, parameters: unknown[]): void {
    if (!this.target.isLevelEnabled(level)) return;
    const last = parameters.at(-1);
    const context = parameters.length > 0 && typeof last === 'string' ? last : undefined;
    const rest = context === undefined ? parameters : parameters.slice(0, -1);
    // Only error and fatal take a stack (Nest's Logger.error(message, stack, context)).
    const stack =
      (level === 'error' || level === 'fatal') && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields: Record<string, unknown> = { context };
    if (stack !== undefined) fields.stack = stack;
    if (message instanceof Error) {
      this.target[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.target[level]({ ...fields, ...message });
    } else {
      this.target[level](fields, String(message));
    }
  }
}
