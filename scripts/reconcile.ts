import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { SingleBar, Presets } from 'cli-progress';
import { AppModule } from '../src/app.module.js';
import { loadConfiguration } from '../src/config/configuration.js';
import { LedgerIntegrityService } from '../src/ledger/ledger-integrity.service.js';

/**
 * `npm run reconcile`: the integrity check of the configured database, for a nightly job. By
 * default incremental (the entries since the last verified checkpoint, and every account's
 * balance); `npm run reconcile -- --full` re-verifies the whole chain from the first entry, which a
 * weekly job should do (README, "Integrity check"). Prints the report (a progress bar on a terminal
 * while it walks the chain) and exits 1 on any discrepancy, 2 when it cannot run at all.
 */
async function reconcile(): Promise<number> {
  const unknown = process.argv.slice(2).filter((argument) => argument !== '--full');
  if (unknown.length > 0) throw new Error(`unknown argument ${unknown[0]}; the only one is --full`);
  const mode = process.argv.includes('--full') ? 'full' : 'incremental';
  const configuration = { ...loadConfiguration(), loadDemoData: false };
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(configuration), {
    logger: ['error'],
  });
  const bar = process.stderr.isTTY
    ? new SingleBar(
        { format: 'entries {bar} {percentage}% | {value}/{total}', stream: process.stderr },
        Presets.shades_classic,
      )
    : undefined;
  try {
    let started = false;
    const report = await app.get(LedgerIntegrityService).verify({
      mode,
      onProgress: (done, total) => {
        if (!bar) return;
        if (!started) bar.start(total, 0);
        started = true;
        bar.update(done);
      },
    });
    bar?.stop();
    const { accounts, entries, postings, holds } = report.checked;
    console.log(
      `Checked ${accounts} accounts, ${entries} entries, ${postings} postings, ${holds} holds (${report.mode} check, ${report.mode === 'full' ? 'every entry walked' : `entries after ${report.fromSequence} walked`}).`,
    );
    if (report.ok) {
      const checkpoint = await app.get(LedgerIntegrityService).latestCheckpoint();
      // Kept in the job's log, outside the database: a later rewrite of the checkpoint shows.
      if (checkpoint)
        console.log(
          `Verified checkpoint: entry ${checkpoint.sequence}, digest ${checkpoint.digest} (${checkpoint.createdAt}).`,
        );
      console.log(
        'OK: every balance, entry, running balance, hold, closing balance and the hash chain reconcile.',
      );
      return 0;
    }
    console.log(`${report.discrepancies.length} discrepancies:`);
    for (const discrepancy of report.discrepancies)
      console.log(`  ${discrepancy.check}  ${discrepancy.subject}  ${discrepancy.message}`);
    return 1;
  } finally {
    bar?.stop();
    await app.close();
  }
}

reconcile().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
