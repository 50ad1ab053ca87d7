import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the parts of one `npm run bench` leave their figures for bench/summary.ts: one JSON file
 * per part in BENCH_RESULTS_DIR (default bench/results/run, ignored by git). `npm run bench`
 * empties it first (`summary.js --start`), so that the summary only ever puts figures of one run
 * side by side; a part run alone (`npm run bench:http`) replaces its own file.
 */
export const RESULTS_DIRECTORY =
  process.env.BENCH_RESULTS_DIR ?? join(process.cwd(), 'bench', 'results', 'run');

export type PartName = 'ledger' | 'http' | 'reconcile' | 'growth' | 'postgres';

export function resultPath(part: PartName): string {
  return join(RESULTS_DIRECTORY, `${part}.json`);
}

export function writeResult(part: PartName, data: object): string {
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const path = resultPath(part);
  writeFileSync(
    path,
    `${JSON.stringify({ part, writtenAt: new Date().toISOString(), ...data }, null, 2)}\n`,
  );
  return path;
}

export function readResult<T>(part: PartName): (T & { writtenAt: string }) | undefined {
  const path = resultPath(part);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8')) as T & { writtenAt: string };
}

/** A fresh run: the previous run's files go. */
export function clearResults(): void {
  rmSync(RESULTS_DIRECTORY, { recursive: true, force: true });
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
}
