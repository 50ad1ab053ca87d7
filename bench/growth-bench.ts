import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module.js';
import type { Role } from '../src/common/roles.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { Database } from '../src/database/database.service.js';
import { LedgerIntegrityService } from '../src/ledger/ledger-integrity.service.js';
import { LedgerService } from '../src/ledger/ledger.service.js';
import { BATCH_COMMANDS_MAX, type TransferInput } from '../src/ledger/ledger.types.js';
import { RedemptionsService } from '../src/passes/redemptions.service.js';
import { envInteger } from './environment.js';
import { type Fixture, ROOT, setUp, startServer } from './http-server.js';
import { describeMachine } from './machine.js';
import { median } from './plan.js';
import { writeResult } from './results.js';
import { type GrowthPoint, growthTargets, targetsTable, TARGETS } from './targets.js';

/**
 * `npm run bench:growth`: does the cost of a transfer and of a redemption stay flat as the ledger
 * grows (issue 15: within 15 % from an empty ledger to 1,000,000 postings and 100,000 redemptions)?
 *
 * The real server (child process, production settings) makes a fresh SQLite file and the set-up
 * over HTTP, exactly as bench:http does (an organisation, 64 volunteers with hours and a
 * voordeelpas, a business with an offer, fiscal limits); then it stops, and this process opens the
 * same file with the application in-process. At each level it measures N transfers
 * (`LedgerService.transfer`, one commit each, organisation → volunteers) and N redemptions
 * (`RedemptionsService.redeem` by the business operator, passes in turn, no PIN), interleaved in
 * slices, and records the **CPU time per operation** of this process (`process.cpuUsage`, user +
 * system: what the service costs, without the fsync waits and without the other processes of a
 * shared machine) and the wall time per operation, after a warm-up of WARM_UP_OPERATIONS of each. Then it grows the ledger to the next level the
 * ledger's own ways: redemptions through `RedemptionsService.redeem` (concurrently, so the group
 * committer batches their commits) and transfers through `LedgerService.transferBatch`
 * (1000 a commit), so the hash chain stays whole; the integrity check runs at the end.
 *
 * Levels are counted in postings; the redemptions go with them at one per GROWTH_POSTINGS_PER_REDEMPTION
 * postings (the 1,000,000 : 100,000). Writes the table, bench/results (for the summary)
 * and the plot docs/benchmarks/growth.svg.
 *
 * Knobs (environment): BENCH_GROWTH_LEVELS ("0,10000,100000,1000000" postings),
 * BENCH_GROWTH_SAMPLES (400 operations of each kind per level), BENCH_GROWTH_PLOT (the SVG's
 * path; "0" to write none).
 */

const LEVELS = (process.env.BENCH_GROWTH_LEVELS ?? '0,10000,100000,1000000')
  .split(',')
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isInteger(value) && value >= 0);
const SAMPLES = envInteger('BENCH_GROWTH_SAMPLES', 400);
const PLOT_PATH = process.env.BENCH_GROWTH_PLOT ?? join(ROOT, 'docs', 'benchmarks', 'growth.svg');
const POSTINGS_PER_REDEMPTION = 10;
/** The largest ledger: a plot of smaller levels says it is only a check. */
const FULL_SIZE_POSTINGS = 1_000_000;
/** Redemptions in flight at once while filling: enough for the group committer to batch commits. */
const FILL_CONCURRENCY = 16;
/** Each measurement is cut into slices, transfers and redemptions taking turns, so both see the same moments. */
const SLICES = 4;
const WARM_UP_OPERATIONS = 500;

function progress(message: string): void {
  process.stderr.write(`[growth] ${message}\n`);
}

interface Services {
  ledger: LedgerService;
  redemptions: RedemptionsService;
  count(table: 'postings' | 'redemptions'): number;
}

function workload(services: Services, fixture: Fixture) {
  const actor = { ...fixture.operator, role: fixture.operator.role as Role };
  let nextTransfer = 0;
  let nextRedemption = 0;
  const transferCommand = (): TransferInput => ({
    fromAccountId: fixture.orgAccountId,
    toAccountId: fixture.volunteerAccountIds[nextTransfer++ % fixture.volunteerAccountIds.length],
    amountMinor: 1n,
    code: 'HOURS',
    description: 'growth bench',
    idempotencyKey: randomUUID(),
  });
  return {
    transferCommand,
    async transfer(): Promise<void> {
      const { replayed } = await services.ledger.transfer(transferCommand());
      if (replayed) throw new Error('a fresh transfer was replayed');
    },
    async redeem(): Promise<void> {
      const passNumber = fixture.passNumbers[nextRedemption++ % fixture.passNumbers.length];
      const { replayed } = await services.redemptions.redeem(
        actor,
        { passNumber, offerId: fixture.offerId },
        randomUUID(),
      );
      if (replayed) throw new Error('a fresh redemption was replayed');
    },
  };
}

type Workload = ReturnType<typeof workload>;

/** CPU and wall microseconds per operation of `count` operations awaited one by one. */
async function timed(
  count: number,
  operation: () => Promise<void>,
): Promise<{ cpu: number; wall: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let index = 0; index < count; index += 1) await operation();
  const wall = ((performance.now() - started) * 1000) / count;
  const cpu = process.cpuUsage(cpuBefore);
  return { cpu: (cpu.user + cpu.system) / count, wall };
}

async function measure(
  services: Services,
  work: Workload,
): Promise<Omit<GrowthPoint, 'postings' | 'redemptions'>> {
  const transfer = { cpu: [] as number[], wall: [] as number[] };
  const redemption = { cpu: [] as number[], wall: [] as number[] };
  const perSlice = Math.max(1, Math.round(SAMPLES / SLICES));
  for (let slice = 0; slice < SLICES; slice += 1) {
    const runTransfers = async () => {
      const result = await timed(perSlice, () => work.transfer());
      transfer.cpu.push(result.cpu);
      transfer.wall.push(result.wall);
    };
    const runRedemptions = async () => {
      const result = await timed(perSlice, () => work.redeem());
      redemption.cpu.push(result.cpu);
      redemption.wall.push(result.wall);
    };
    if (slice % 2 === 0) {
      await runTransfers();
      await runRedemptions();
    } else {
      await runRedemptions();
      await runTransfers();
    }
  }
  return {
    transferCpuMicroseconds: median(transfer.cpu),
    redemptionCpuMicroseconds: median(redemption.cpu),
    transferWallMicroseconds: median(transfer.wall),
    redemptionWallMicroseconds: median(redemption.wall),
  };
}

/** Grows the ledger to `postings` postings and `postings / 10` redemptions, the ledger's own ways. */
async function fill(services: Services, work: Workload, postings: number): Promise<void> {
  const started = performance.now();
  const redemptionsWanted = Math.floor(postings / POSTINGS_PER_REDEMPTION);
  let redemptions = services.count('redemptions');
  while (redemptions < redemptionsWanted) {
    const wave = Math.min(FILL_CONCURRENCY * 16, redemptionsWanted - redemptions);
    for (let done = 0; done < wave; done += FILL_CONCURRENCY) {
      const inFlight = Math.min(FILL_CONCURRENCY, wave - done);
      await Promise.all(Array.from({ length: inFlight }, () => work.redeem()));
    }
    redemptions += wave;
  }
  let current = services.count('postings');
  while (current < postings) {
    // Two postings a transfer.
    const transfers = Math.min(BATCH_COMMANDS_MAX, Math.ceil((postings - current) / 2));
    const commands = Array.from({ length: transfers }, work.transferCommand);
    const outcomes = await services.ledger.transferBatch(commands);
    const refused = outcomes.find((outcome) => !outcome.ok);
    if (refused && !refused.ok) throw refused.error;
    current += 2 * transfers;
  }
  progress(
    `filled to ${services.count('postings').toLocaleString('en')} postings, ${services.count('redemptions').toLocaleString('en')} redemptions in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
}

// ---------------------------------------------------------------- the plot

/** A small hand-made SVG: CPU µs per operation at each level, one line per operation, and the +15 % bounds. */
export function growthSvg(points: GrowthPoint[], subtitle: string): string {
  const width = 720;
  const height = 400;
  const margin = { left: 70, right: 170, top: 50, bottom: 70 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const series = [
    { name: 'redemption', field: 'redemptionCpuMicroseconds', colour: '#c2410c' },
    { name: 'transfer', field: 'transferCpuMicroseconds', colour: '#1d4ed8' },
  ] as const;
  const highest = Math.max(
    ...points.flatMap((point) => series.map((line) => point[line.field])),
    ...series.map((line) => (points[0]?.[line.field] ?? 0) * (1 + TARGETS.growth)),
  );
  const top = niceCeiling(highest * 1.1);
  const x = (index: number) =>
    margin.left + (points.length === 1 ? plotWidth / 2 : (index * plotWidth) / (points.length - 1));
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="22" font-size="15" font-weight="bold">CPU time per operation as the ledger grows</text>`,
    `<text x="${margin.left}" y="39" fill="#555">${escapeXml(subtitle)}</text>`,
  );
  for (let step = 0; step <= 4; step += 1) {
    const value = (top * step) / 4;
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`,
      `<text x="${margin.left - 8}" y="${y(value) + 4}" text-anchor="end">${Math.round(value)}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(18 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">µs of CPU per operation</text>`,
  );
  for (const [index, point] of points.entries()) {
    parts.push(
      `<text x="${x(index)}" y="${margin.top + plotHeight + 20}" text-anchor="middle">${shortCount(point.postings)} postings</text>`,
      `<text x="${x(index)}" y="${margin.top + plotHeight + 36}" text-anchor="middle" fill="#555">${shortCount(point.redemptions)} redemptions</text>`,
    );
  }
  for (const [index, line] of series.entries()) {
    const bound = (points[0]?.[line.field] ?? 0) * (1 + TARGETS.growth);
    const coordinates = points
      .map((point, pointIndex) => `${x(pointIndex)},${y(point[line.field]).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${y(bound)}" y2="${y(bound)}" stroke="${line.colour}" stroke-dasharray="4 4" opacity="0.6"/>`,
      `<polyline points="${coordinates}" fill="none" stroke="${line.colour}" stroke-width="2.5"/>`,
      ...points.map(
        (point, pointIndex) =>
          `<circle cx="${x(pointIndex)}" cy="${y(point[line.field]).toFixed(1)}" r="4" fill="${line.colour}"><title>${line.name}: ${Math.round(point[line.field])} µs</title></circle>`,
      ),
    );
    const legendY = margin.top + 10 + index * 44;
    const legendX = margin.left + plotWidth + 16;
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${legendY}" y2="${legendY}" stroke="${line.colour}" stroke-width="2.5"/>`,
      `<text x="${legendX + 30}" y="${legendY + 4}">${line.name}</text>`,
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${legendY + 18}" y2="${legendY + 18}" stroke="${line.colour}" stroke-dasharray="4 4" opacity="0.6"/>`,
      `<text x="${legendX + 30}" y="${legendY + 22}" fill="#555">empty + ${Math.round(TARGETS.growth * 100)} %</text>`,
    );
  }
  parts.push(
    `<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#111"/>`,
    `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${margin.top + plotHeight}" y2="${margin.top + plotHeight}" stroke="#111"/>`,
    '</svg>',
  );
  return `${parts.join('\n')}\n`;
}

function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * magnitude) return step * magnitude;
  return 10 * magnitude;
}

function shortCount(value: number): string {
  if (value >= 1_000_000) return `${+(value / 1_000_000).toFixed(1)}M`;
  if (value >= 1000) return `${+(value / 1000).toFixed(1)}k`;
  return String(value);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  if (LEVELS.length === 0) throw new Error('BENCH_GROWTH_LEVELS holds no level');
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const folder = mkdtempSync(join(tmpdir(), 'steerkes-growth-bench-'));
  const databaseFile = join(folder, 'growth.sqlite');
  try {
    const server = await startServer(`sqlite:${databaseFile}`);
    let fixture: Fixture;
    try {
      fixture = await setUp(server.base);
    } catch (error) {
      console.error(`server output:\n${server.output.join('\n')}`);
      throw error;
    } finally {
      await server.stop();
    }
    const app = await NestFactory.createApplicationContext(
      AppModule.forRoot({
        ...loadConfiguration({ NODE_ENV: 'test' }),
        database: { kind: 'sqlite', path: databaseFile },
        loadDemoData: false,
      }),
      { logger: ['error'] },
    );
    try {
      const connection = app.get(Database).sqliteConnection();
      const counters = {
        postings: connection.prepare('SELECT count(*) FROM ledger_postings').pluck(),
        redemptions: connection.prepare('SELECT count(*) FROM redemptions').pluck(),
      };
      const services: Services = {
        ledger: app.get(LedgerService),
        redemptions: app.get(RedemptionsService),
        count: (table) => Number(counters[table].get()),
      };
      const work = workload(services, fixture);
      for (let index = 0; index < WARM_UP_OPERATIONS; index += 1) {
        await work.transfer();
        await work.redeem();
      }
      const points: GrowthPoint[] = [];
      for (const postings of LEVELS) {
        await fill(services, work, postings);
        const measured = await measure(services, work);
        const point: GrowthPoint = {
          postings: services.count('postings'),
          redemptions: services.count('redemptions'),
          ...measured,
        };
        points.push(point);
        progress(
          `${point.postings.toLocaleString('en')} postings, ${point.redemptions.toLocaleString('en')} redemptions: transfer ${Math.round(point.transferCpuMicroseconds)} µs CPU (${Math.round(point.transferWallMicroseconds)} µs wall), redemption ${Math.round(point.redemptionCpuMicroseconds)} µs CPU (${Math.round(point.redemptionWallMicroseconds)} µs wall)`,
        );
      }
      const integrity = await app.get(LedgerIntegrityService).verify();
      if (!integrity.ok)
        throw new Error(
          `the grown ledger does not verify: ${JSON.stringify(integrity.discrepancies.slice(0, 5))}`,
        );
      const machine = describeMachine(
        connection.prepare('SELECT sqlite_version()').pluck().get() as string,
        folder,
      );
      const loadAtEnd = loadavg()[0];
      console.log('');
      console.log(
        `Growth: CPU (and wall) µs per operation of this process, median of ${SLICES} slices of ${Math.round(SAMPLES / SLICES)} at each level; load average ${loadAtStart.toFixed(2)} → ${loadAtEnd.toFixed(2)}`,
      );
      console.table(
        points.map((point) => ({
          postings: point.postings,
          redemptions: point.redemptions,
          'transfer CPU µs': Math.round(point.transferCpuMicroseconds),
          'transfer wall µs': Math.round(point.transferWallMicroseconds),
          'redemption CPU µs': Math.round(point.redemptionCpuMicroseconds),
          'redemption wall µs': Math.round(point.redemptionWallMicroseconds),
        })),
      );
      console.log(targetsTable(growthTargets({ points, samples: SAMPLES })));
      console.log(`integrity check after the growth: ok, ${JSON.stringify(integrity.checked)}`);
      const path = writeResult('growth', {
        points,
        samples: SAMPLES,
        levels: LEVELS,
        loadAverage: { start: loadAtStart, end: loadAtEnd },
        seconds: (performance.now() - started) / 1000,
        machine,
      });
      console.log(`figures for the summary in ${path}`);
      if (PLOT_PATH !== '0') {
        mkdirSync(dirname(PLOT_PATH), { recursive: true });
        writeFileSync(
          PLOT_PATH,
          growthSvg(
            points,
            `in-process, ${SAMPLES} of each per level; ${machine.cpuModel} × ${machine.cpuCount}; load ${loadAtStart.toFixed(1)}; ${new Date().toISOString().slice(0, 10)}` +
              (Math.max(...LEVELS) < FULL_SIZE_POSTINGS
                ? ' (reduced levels: a check of the harness)'
                : ''),
          ),
        );
        console.log(`plot written to ${PLOT_PATH}`);
      }
    } finally {
      await app.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
