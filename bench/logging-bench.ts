import { ConsoleLogger, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestLogger } from '../src/common/http/http-hooks.js';
import { createLog } from '../src/common/logging/log.js';

/**
 * `node dist/bench/logging-bench.js > /tmp/lines` (standard output to a file, or `| cat >
 * /dev/null` for a pipe): the CPU time of one request log line, written by the server's log
 * (pino, asynchronous, requestLogger) against the writer it replaced (Nest's ConsoleLogger in JSON
 * mode, a synchronous write per line), LINES lines a round, the two taking turns for ROUNDS rounds
 * after one warm-up round. CPU time (process.cpuUsage, user + system: the writes' system calls
 * included) rather than wall time, so that other work on a shared machine counts less. Prints the
 * medians on standard error.
 */

const LINES = Number(process.env.BENCH_LOG_LINES ?? 50_000);
const ROUNDS = Number(process.env.BENCH_LOG_ROUNDS ?? 5);

const request = {
  requestId: '0dc83966-c244-43dd-bd29-db1c4c3e0293',
  method: 'POST',
  routeOptions: { url: '/api/v1/transfers' },
  user: { id: '019ae3b1-7c2a-7d4e-9f00-1234567890ab' },
} as unknown as FastifyRequest;
const reply = { statusCode: 201, elapsedTime: 4.2345 } as unknown as FastifyReply;

/** The line as src/common/http/http-hooks.ts wrote it before pino. */
function nestWriter(): () => void {
  Logger.overrideLogger(
    new ConsoleLogger({ json: true, logLevels: ['fatal', 'error', 'warn', 'log'] }),
  );
  const logger = new Logger('HTTP');
  return () =>
    logger.log({
      requestId: '0dc83966-c244-43dd-bd29-db1c4c3e0293',
      method: 'POST',
      route: '/api/v1/transfers',
      status: 201,
      durationMs: Math.round(4.2345 * 10) / 10,
      userId: '019ae3b1-7c2a-7d4e-9f00-1234567890ab',
    });
}

async function main(): Promise<void> {
  const log = createLog('log');
  const logRequest = requestLogger(log);
  const writers: Record<string, () => void> = {
    'Nest ConsoleLogger (json, synchronous)': nestWriter(),
    'pino (asynchronous)': () => logRequest(request, reply),
  };
  const perLine: Record<string, number[]> = {};
  const flush = () => new Promise<void>((done) => log.flush(() => done()));
  for (let round = 0; round <= ROUNDS; round += 1) {
    const names = Object.keys(writers);
    if (round % 2 === 1) names.reverse();
    for (const name of names) {
      const start = process.cpuUsage();
      for (let line = 0; line < LINES; line += 1) writers[name]();
      await flush();
      await new Promise((done) => setTimeout(done, 50)); // the last asynchronous writes
      const used = process.cpuUsage(start);
      if (round > 0) (perLine[name] ??= []).push((used.user + used.system) / LINES);
    }
  }
  for (const [name, rounds] of Object.entries(perLine)) {
    const sorted = [...rounds].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    process.stderr.write(
      `${name}: ${median.toFixed(2)} µs CPU per line (median of ${ROUNDS} rounds of ${LINES}; rounds ${rounds.map((value) => value.toFixed(2)).join(', ')})\n`,
    );
  }
}

void main();
