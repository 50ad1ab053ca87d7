import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MachineDescription } from './machine.js';
import { median } from './plan.js';

export interface WorkloadResult {
  name: string;
  batchSize: number;
  transfers: number;
  targetRatio: number;
  /** Transfers per second, one value per round. */
  ledger: number[];
  raw: number[];
  ledgerMedian: number;
  rawMedian: number;
}

export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: MachineDescription;
  rounds: number;
  accounts: number;
  workloads: WorkloadResult[];
  reads: {
    perRound: number;
    ledger: number[];
    raw: number[];
    ledgerMedian: number;
    rawMedian: number;
    target: number;
  };
  peakRssBytes: number;
  /** One-minute load average when the run started and ended: other work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
  entriesChecked: number;
}

const BEGIN =
  '<!-- bench:results:begin (written by `npm run bench`; edit outside these markers) -->';
const END = '<!-- bench:results:end -->';

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (ratio: number) => `${(ratio * 100).toFixed(1)} %`;
const met = (ok: boolean) => (ok ? 'yes' : '**no**');

/** The headline ratio: each round's ledger and baseline ran interleaved on the same transfers, so their ratio is paired; take the median. */
export function pairedRatio(ledger: number[], raw: number[]): number {
  return median(ledger.map((value, index) => value / raw[index]));
}

function ratioRange(ledger: number[], raw: number[]): string {
  const ratios = ledger.map((value, index) => value / raw[index]);
  return `${percent(Math.min(...ratios))} – ${percent(Math.max(...ratios))}`;
}

function loadText(results: BenchResults): string {
  const { start, end } = results.loadAverage;
  const busy = start >= 0.5;
  return (
    `${start.toFixed(2)} before the run, ${end.toFixed(2)} at its end (the benchmark itself adds about 1)` +
    (busy
      ? ': the machine was not idle (other work, or the tail of earlier commands), so the figures may be lower and noisier than on an idle one'
      : '')
  );
}

export function printResults(results: BenchResults): void {
  const { machine } = results;
  console.log('');
  console.log(
    `Steerkes ledger benchmark, ${results.startedAt} (${results.durationSeconds.toFixed(0)} s)`,
  );
  console.log(
    `Machine: ${machine.cpuModel} × ${machine.cpuCount}, ${machine.totalMemory} RAM, ${machine.os}`,
  );
  console.log(
    `Node ${machine.node}, SQLite ${machine.sqlite}, ${Object.entries(machine.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')}`,
  );
  console.log(`Files: ${machine.tmpFilesystem}`);
  console.log(`Load average (1 min): ${loadText(results)}`);
  console.log(
    `Medians of ${results.rounds} rounds (after one warm-up round; fresh databases each round), ${results.accounts} accounts, WAL + synchronous=FULL`,
  );
  console.table(
    Object.fromEntries(
      results.workloads.map((workload) => [
        workload.name,
        {
          'ledger /s': whole(workload.ledgerMedian),
          'raw /s': whole(workload.rawMedian),
          'ledger/raw': percent(pairedRatio(workload.ledger, workload.raw)),
          'per-round ratios': ratioRange(workload.ledger, workload.raw),
          target: `≥ ${percent(workload.targetRatio)}`,
          met: pairedRatio(workload.ledger, workload.raw) >= workload.targetRatio ? 'yes' : 'NO',
        },
      ]),
    ),
  );
  const { reads } = results;
  console.table({
    'balance reads (getAccount)': {
      'ledger /s': whole(reads.ledgerMedian),
      'raw /s': whole(reads.rawMedian),
      'ledger/raw': percent(pairedRatio(reads.ledger, reads.raw)),
      target: `≥ ${whole(reads.target)}/s`,
      met: reads.ledgerMedian >= reads.target ? 'yes' : 'NO',
    },
  });
  console.log(`Peak RSS: ${(results.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
}

export function resultsMarkdown(results: BenchResults): string {
  const { machine, reads } = results;
  const lines: string[] = [];
  lines.push(
    `Last run: **${results.startedAt}**, ${results.durationSeconds.toFixed(0)} s in all (build excluded).`,
  );
  lines.push('');
  lines.push('| machine | |');
  lines.push('|---|---|');
  lines.push(`| CPU | ${machine.cpuModel} × ${machine.cpuCount} |`);
  lines.push(`| memory | ${machine.totalMemory} |`);
  lines.push(`| OS | ${machine.os} |`);
  lines.push(`| Node.js | ${machine.node} |`);
  lines.push(`| SQLite | ${machine.sqlite} |`);
  lines.push(
    `| packages | ${Object.entries(machine.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')} |`,
  );
  lines.push(`| database files | ${machine.tmpFilesystem} |`);
  lines.push(`| load average (1 min) | ${loadText(results)} |`);
  lines.push('');
  lines.push(
    `Medians of ${results.rounds} rounds after one warm-up round, each round on fresh databases; ${results.accounts} accounts; both databases in WAL mode with ` +
      '`synchronous=FULL` (every commit is fsynced). Transfers/s are the medians of the rounds; "ledger / raw" is the median of ' +
      "the rounds' ratios (in each round both sides ran interleaved, slice by slice, on the same transfers).",
  );
  lines.push('');
  lines.push(
    '| workload | ledger transfers/s | raw baseline transfers/s | ledger / raw | per-round ratios | target | met |',
  );
  lines.push('|---|---:|---:|---:|---|---|---|');
  for (const workload of results.workloads) {
    const ratio = pairedRatio(workload.ledger, workload.raw);
    lines.push(
      `| ${workload.name} | ${whole(workload.ledgerMedian)} | ${whole(workload.rawMedian)} | ${percent(ratio)} | ${ratioRange(workload.ledger, workload.raw)} | ≥ ${percent(workload.targetRatio)} | ${met(ratio >= workload.targetRatio)} |`,
    );
  }
  lines.push('');
  lines.push(
    '| reads | ledger reads/s | raw prepared SELECT reads/s | ledger / raw | target | met |',
  );
  lines.push('|---|---:|---:|---:|---|---|');
  lines.push(
    `| balance read, \`LedgerService.getAccount\` (awaited one by one) | ${whole(reads.ledgerMedian)} | ${whole(reads.rawMedian)} | ${percent(pairedRatio(reads.ledger, reads.raw))} | ≥ ${whole(reads.target)}/s | ${met(reads.ledgerMedian >= reads.target)} |`,
  );
  lines.push('');
  lines.push(
    `Peak RSS of the whole benchmark process (Nest app, both databases): **${(results.peakRssBytes / 2 ** 20).toFixed(0)} MiB**.`,
  );
  lines.push(
    `After every round the ledger verified clean (LedgerIntegrityService, ${whole(results.entriesChecked)} entries in all) and every balance equalled the baseline's.`,
  );
  lines.push('');
  lines.push('<details><summary>Every round (transfers/s, reads/s)</summary>');
  lines.push('');
  lines.push(
    `| workload | side | ${Array.from({ length: results.rounds }, (_, index) => `round ${index + 1}`).join(' | ')} |`,
  );
  lines.push(`|---|---|${'---:|'.repeat(results.rounds)}`);
  for (const workload of results.workloads) {
    lines.push(
      `| ${workload.name} (${whole(workload.transfers)} transfers) | ledger | ${workload.ledger.map(whole).join(' | ')} |`,
    );
    lines.push(`| | raw | ${workload.raw.map(whole).join(' | ')} |`);
  }
  lines.push(
    `| balance reads (${whole(reads.perRound)}) | ledger | ${reads.ledger.map(whole).join(' | ')} |`,
  );
  lines.push(`| | raw | ${reads.raw.map(whole).join(' | ')} |`);
  lines.push('');
  lines.push('</details>');
  return lines.join('\n');
}

const TEMPLATE = `# Benchmarks

\`npm run bench\` (bench/ledger-bench.ts) measures transfers per second through \`LedgerService\` on a
durable SQLite file against a raw better-sqlite3 baseline doing the same work in the same process.

## Results

${BEGIN}
${END}
`;

/** Replaces the results between the markers of BENCHMARKS.md (creating the file if need be); the rest is kept. */
export function writeBenchmarksFile(results: BenchResults): string {
  const path = fileURLToPath(new URL('../../BENCHMARKS.md', import.meta.url));
  let text = existsSync(path) ? readFileSync(path, 'utf8') : TEMPLATE;
  if (!text.includes(BEGIN) || !text.includes(END))
    text = `${text.trimEnd()}\n\n## Results\n\n${BEGIN}\n${END}\n`;
  const before = text.slice(0, text.indexOf(BEGIN) + BEGIN.length);
  const after = text.slice(text.indexOf(END));
  writeFileSync(path, `${before}\n${resultsMarkdown(results)}\n${after}`);
  return path;
}
