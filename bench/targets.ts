import type { LevelResult, PgbenchResult } from './http-server.js';
import type { BenchResults } from './report.js';

/**
 * Issue 15's targets, each computed from the parts' JSON results (bench/results.ts): the one place
 * where a figure meets its target, used by bench/summary.ts and by the parts' own reports.
 */

export interface TargetRow {
  target: string;
  measured: string;
  /** null: not measured in this run (the part did not run, or failed). */
  met: boolean | null;
}

export interface HttpResult {
  levels: LevelResult[];
  pg: PgbenchResult | null;
  pgSettings: string;
  /** Server RSS just after it answered /health, and after the set-up over HTTP. */
  idleRssAfterStartMb: number;
  idleRssMb: number;
  /** The server's VmHWM at the end of the load: its peak RSS. */
  hwmMb: number;
  seconds: number;
}

export interface ReconcileResult {
  medianSeconds: number;
  postings: number;
  /** Where the figure came from: the part's own JSON, or its printed table. */
  source: string;
}

export interface GrowthPoint {
  postings: number;
  redemptions: number;
  transferCpuMicroseconds: number;
  redemptionCpuMicroseconds: number;
  transferWallMicroseconds: number;
  redemptionWallMicroseconds: number;
}

export interface GrowthResult {
  points: GrowthPoint[];
  samples: number;
}

export const TARGETS = {
  transfersVsPgbench: 1.5,
  p99Milliseconds: 30,
  redemptionsVsTransfers: 0.8,
  batchVsInProcess: 0.8,
  idleRssMb: 150,
  peakRssMb: 250,
  reconcileSeconds: 5,
  ledgerSingle: 0.9,
  ledgerBatch: 0.8,
  growth: 0.15,
} as const;

const HTTP_TOP_CONNECTIONS = 64;

const fixed = (value: number | undefined, digits = 0) =>
  value !== undefined && Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : 'n/a';
const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
const known = (value: number | undefined): value is number =>
  value !== undefined && Number.isFinite(value);

function level(
  http: HttpResult | undefined,
  scenario: string,
  connections: number,
): LevelResult | undefined {
  return http?.levels.find(
    (candidate) => candidate.scenario === scenario && candidate.connections === connections,
  );
}

export function httpTargets(
  http: HttpResult | undefined,
  ledger: BenchResults | undefined,
): TargetRow[] {
  const transfers = level(http, 'transfers', HTTP_TOP_CONNECTIONS);
  const redemptions = level(http, 'redemptions', HTTP_TOP_CONNECTIONS);
  const batch = http?.levels.find((candidate) => candidate.scenario === 'batch');
  const pgTps = http?.pg?.tps;
  const ratio = transfers && known(pgTps) ? transfers.bookedPerSecond / pgTps : NaN;
  const redemptionRatio =
    transfers && redemptions ? redemptions.bookedPerSecond / transfers.bookedPerSecond : NaN;
  const inProcess = ledger?.workloads.find((workload) => workload.batchSize === 1000)?.ledgerMedian;
  const batchShare = batch && known(inProcess) ? batch.bookedPerSecond / inProcess : NaN;
  const rows: TargetRow[] = [
    {
      target: `transfers/s over HTTP at 64 connections ≥ ${TARGETS.transfersVsPgbench} × pgbench tpcb-like (-M prepared -c 8)`,
      measured: `${fixed(transfers?.bookedPerSecond)} / ${fixed(pgTps)} tps = ${fixed(ratio, 2)} ×`,
      met: known(ratio) ? ratio >= TARGETS.transfersVsPgbench : null,
    },
    {
      target: `p99 of transfers at 64 connections < ${TARGETS.p99Milliseconds} ms`,
      measured: transfers ? `${transfers.p99} ms` : 'n/a',
      met: transfers ? transfers.p99 < TARGETS.p99Milliseconds : null,
    },
    {
      target: `p99 of redemptions at 64 connections < ${TARGETS.p99Milliseconds} ms`,
      measured: redemptions ? `${redemptions.p99} ms` : 'n/a',
      met: redemptions ? redemptions.p99 < TARGETS.p99Milliseconds : null,
    },
    {
      target: `redemptions/s ≥ ${TARGETS.redemptionsVsTransfers} × transfers/s (64 connections)`,
      measured: `${fixed(redemptions?.bookedPerSecond)} / ${fixed(transfers?.bookedPerSecond)} = ${fixed(redemptionRatio, 2)} ×`,
      met: known(redemptionRatio) ? redemptionRatio >= TARGETS.redemptionsVsTransfers : null,
    },
    {
      target: `batch endpoint ≥ ${percent(TARGETS.batchVsInProcess)} of in-process transferBatch (1000 a commit)`,
      measured: `${fixed(batch?.bookedPerSecond)} / ${fixed(inProcess)} transfers/s = ${known(batchShare) ? percent(batchShare) : 'n/a'}`,
      met: known(batchShare) ? batchShare >= TARGETS.batchVsInProcess : null,
    },
    {
      target: `server RSS idle after start < ${TARGETS.idleRssMb} MB`,
      measured: http
        ? `${fixed(http.idleRssAfterStartMb)} MB (${fixed(http.idleRssMb)} MB after the set-up)`
        : 'n/a',
      met:
        http && known(http.idleRssAfterStartMb)
          ? http.idleRssAfterStartMb < TARGETS.idleRssMb
          : null,
    },
    {
      target: `server RSS peak under the load < ${TARGETS.peakRssMb} MB`,
      measured: http ? `${fixed(http.hwmMb)} MB (VmHWM)` : 'n/a',
      met: http && known(http.hwmMb) ? http.hwmMb < TARGETS.peakRssMb : null,
    },
  ];
  const failures = http?.levels.reduce((sum, each) => sum + each.non2xx + each.errors, 0);
  rows.push({
    target: 'no refused or failed request under load',
    measured: http ? `${failures} non-2xx or errors` : 'n/a',
    met: http ? failures === 0 : null,
  });
  return rows;
}

export function ledgerTargets(ledger: BenchResults | undefined): TargetRow[] {
  const ratios = (ledger as { ratios?: Record<string, number> } | undefined)?.ratios ?? {};
  return [
    { batchSize: 1, target: TARGETS.ledgerSingle, name: 'single transfers' },
    { batchSize: 100, target: TARGETS.ledgerBatch, name: 'batches of 100' },
    { batchSize: 1000, target: TARGETS.ledgerBatch, name: 'batches of 1000' },
  ].map(({ batchSize, target, name }) => {
    const ratio = ratios[String(batchSize)];
    return {
      target: `in-process ledger ≥ ${percent(target)} of raw better-sqlite3, ${name}`,
      measured: known(ratio) ? percent(ratio) : 'n/a',
      met: known(ratio) ? ratio >= target : null,
    };
  });
}

export function reconcileTargets(reconcile: ReconcileResult | undefined): TargetRow[] {
  return [
    {
      target: `integrity check of ${fixed(reconcile?.postings ?? 1_000_000)} postings < ${TARGETS.reconcileSeconds} s`,
      measured: reconcile ? `${reconcile.medianSeconds.toFixed(2)} s (${reconcile.source})` : 'n/a',
      met: reconcile ? reconcile.medianSeconds < TARGETS.reconcileSeconds : null,
    },
  ];
}

/** How far the cost per operation rose above the empty ledger's at the worst later level, as a fraction. */
export function growthOf(points: GrowthPoint[], field: keyof GrowthPoint): number {
  if (points.length < 2) return NaN;
  return Math.max(...points.slice(1).map((point) => point[field])) / points[0][field] - 1;
}

export function growthTargets(growth: GrowthResult | undefined): TargetRow[] {
  const points = growth?.points ?? [];
  const last = points.at(-1);
  const sizes = last
    ? `${fixed(points[0].postings)} → ${fixed(last.postings)} postings, ${fixed(points[0].redemptions)} → ${fixed(last.redemptions)} redemptions`
    : '';
  return (
    [
      ['transfer', 'transferCpuMicroseconds'],
      ['redemption', 'redemptionCpuMicroseconds'],
    ] as const
  ).map(([name, field]) => {
    const change = growthOf(points, field);
    return {
      target: `CPU per ${name} within ${percent(TARGETS.growth)} from empty to the largest ledger`,
      measured: known(change)
        ? `${points.map((point) => fixed(point[field])).join(' → ')} µs (worst ${change >= 0 ? '+' : ''}${percent(change)}; ${sizes})`
        : 'n/a',
      met: known(change) ? change <= TARGETS.growth : null,
    };
  });
}

export function targetsTable(rows: TargetRow[]): string {
  const lines = ['| target | measured | met |', '|---|---|---|'];
  for (const row of rows)
    lines.push(
      `| ${row.target} | ${row.measured} | ${row.met === null ? 'not measured' : row.met ? 'met' : '**not met**'} |`,
    );
  return lines.join('\n');
}
