import type { LedgerService } from '../../src/ledger/ledger.service.js';
import type { EntryView, HoldView, LedgerCommand } from '../../src/ledger/ledger.types.js';

/** What a command made, tagged by kind, and whether it repeated an earlier answer. */
export type LedgerOutcome =
  | { kind: 'entry'; entry: EntryView; replayed: boolean }
  | { kind: 'hold'; hold: HoldView; replayed: boolean };

/**
 * Runs any ledger command through its typed entry point: for tests that generate commands of every
 * kind (the model test, the races). The application itself always calls the entry point it means.
 */
export async function runLedgerCommand(
  ledger: LedgerService,
  command: LedgerCommand,
): Promise<LedgerOutcome> {
  switch (command.kind) {
    case 'transfer': {
      const { result, replayed } = await ledger.transfer(command);
      return { kind: 'entry', entry: result, replayed };
    }
    case 'entry': {
      const { result, replayed } = await ledger.bookEntry(command);
      return { kind: 'entry', entry: result, replayed };
    }
    case 'reverse': {
      const { result, replayed } = await ledger.reverse(command);
      return { kind: 'entry', entry: result, replayed };
    }
    case 'hold': {
      const { result, replayed } = await ledger.hold(command);
      return { kind: 'hold', hold: result, replayed };
    }
    case 'postHold': {
      const { result, replayed } = await ledger.postHold(command);
      return { kind: 'hold', hold: result, replayed };
    }
    case 'voidHold': {
      const { result, replayed } = await ledger.voidHold(command);
      return { kind: 'hold', hold: result, replayed };
    }
  }
}
