import type { Transaction } from '../database/database.service.js';
import { type ChainHead, LedgerStore } from './ledger.store.js';

/**
 * What the ledger remembers for the length of one database transaction: the chain head (read,
 * and on PostgreSQL locked, by the first write; written back once, just before COMMIT) and which
 * periods are closed. A batch of a thousand transfers thus reads and writes the head once. Kept in
 * the transaction's scratch space, so that every ledger call that joins the transaction shares it:
 * callers of the ledger never need to know it exists.
 */
export interface LedgerTransactionState {
  head: ChainHead;
  storedSequence: bigint;
  /**
   * The latest closed month (YYYY-MM), null when none is, undefined until first asked: the books
   * are closed up to its last day, whether or not the months before it were closed one by one.
   */
  latestClosedPeriod: string | null | undefined;
}

const LEDGER_TRANSACTION_STATE = Symbol('ledger transaction state');
const LEDGER_STORE = Symbol('ledger store');

/** The store of a transaction: one per transaction, so that its account cache is shared. */
export function ledgerStoreOf(transaction: Transaction): LedgerStore {
  let store = transaction.scratch.get(LEDGER_STORE) as LedgerStore | undefined;
  if (!store) {
    store = new LedgerStore(transaction.sql);
    transaction.scratch.set(LEDGER_STORE, store);
  }
  return store;
}

/**
 * The ledger's state of this transaction if a write made it already: the hot path's way to skip an
 * await (every await is a promise and, with AsyncLocalStorage on, four async hooks).
 */
export function existingLedgerTransactionState(
  transaction: Transaction,
): LedgerTransactionState | undefined {
  return transaction.scratch.get(LEDGER_TRANSACTION_STATE) as LedgerTransactionState | undefined;
}

/**
 * The ledger's state of this transaction, made by its first write: that write reads the chain head
 * (on PostgreSQL: locks its row, which serialises ledger writers across instances until COMMIT)
 * and arranges for the head to be written back before COMMIT. Account rows read earlier in the
 * transaction are forgotten when the lock is taken: on PostgreSQL they may be stale until then.
 */
export async function ledgerTransactionState(
  transaction: Transaction,
  store: LedgerStore,
): Promise<LedgerTransactionState> {
  const existing = existingLedgerTransactionState(transaction);
  if (existing) return existing;
  const head = await store.lockChain();
  store.forgetAccounts();
  const state: LedgerTransactionState = {
    head,
    storedSequence: head.lastSequence,
    latestClosedPeriod: undefined,
  };
  transaction.scratch.set(LEDGER_TRANSACTION_STATE, state);
  transaction.beforeCommit(async () => {
    await store.flushAccounts();
    if (state.head.lastSequence !== state.storedSequence) await store.advanceChain(state.head);
  });
  return state;
}
