import { Logger } from '@nestjs/common';
import { createLog, NestLog } from './log.js';

function capture(level: 'error' | 'warn' | 'log' | 'debug') {
  const written: string[] = [];
  const log = createLog(level, { write: (line: string) => void written.push(line) });
  return { log, lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the server log', () => {
  it('writes what LOG_LEVEL lets through and nothing below it', () => {
    const warn = capture('warn');
    warn.log.info('hidden');
    warn.log.debug('hidden');
    warn.log.warn('shown');
    warn.log.error('shown too');
    expect(warn.lines().map((line) => [line.level, line.message])).toEqual([
      ['warn', 'shown'],
      ['error', 'shown too'],
    ]);
    const debug = capture('debug');
    debug.log.debug('details');
    debug.log.info('news');
    expect(debug.lines().map((line) => line.level)).toEqual(['debug', 'log']);
  });

  it("takes Nest's logger calls: the context, an object's fields, an error's stack", () => {
    const { log, lines } = capture('log');
    const nest = new NestLog(log);
    nest.log('Steerkes API on http://127.0.0.1:3000/api/v1', 'Bootstrap');
    nest.warn({ message: 'retrying transaction', attempt: 2 }, 'Database');
    nest.error({ message: 'unexpected', route: '/api/v1/x' }, 'Error: boom\n    at f', 'Filter');
    nest.debug('not at this level', 'Database');
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'log',
        context: 'Bootstrap',
        message: 'Steerkes API on http://127.0.0.1:3000/api/v1',
      }),
      expect.objectContaining({
        level: 'warn',
        context: 'Database',
        message: 'retrying transaction',
        attempt: 2,
      }),
      expect.objectContaining({
        level: 'error',
        context: 'Filter',
        message: 'unexpected',
        route: '/api/v1/x',
        stack: 'Error: boom\n    at f',
      }),
    ]);
  });

  it("is what Nest's Logger instances write to once installed", () => {
    const { log, lines } = capture('log');
    Logger.overrideLogger(new NestLog(log));
    try {
      new Logger('Startup').log('Created the first admin.');
    } finally {
      Logger.overrideLogger(['error']);
    }
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 'log',
        context: 'Startup',
        message: 'Created the first admin.',
      }),
    ]);
  });
});
