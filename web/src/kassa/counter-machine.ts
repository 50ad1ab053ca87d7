import type { Problem, Schemas } from '../api/client';
import { checkPassNumber } from './pass-number';

export type Offer = Schemas['OfferDto'];
export type Receipt = Schemas['RedemptionReceiptDto'];
export type Redemption = Schemas['RedemptionDto'];

/** One counter transaction takes at most this many of one offer (the API's REDEMPTION_QUANTITY_MAX). */
export const QUANTITY_MAX = 20;

/** What the operator has chosen: the pass, the offer, how many. */
export interface Draft {
  passInput: string;
  offerId: string | null;
  quantity: number;
}

/**
 * One redemption attempt: its Idempotency-Key, made when Redeem is pressed and sent again with the
 * PIN and on every "Try again" of that attempt, so a lost answer never redeems twice. The PIN is
 * kept in memory for the attempt only.
 */
export interface Attempt {
  idempotencyKey: string;
  passNumber: string;
  offerId: string;
  quantity: number;
  pin?: string;
}

export type UndoState =
  | { status: 'idle' }
  | { status: 'undoing' }
  | { status: 'undone' }
  | { status: 'failed'; problem: Problem };

export type CounterState =
  | { phase: 'entering'; draft: Draft }
  | { phase: 'submitting'; draft: Draft; attempt: Attempt }
  | { phase: 'pin'; draft: Draft; attempt: Attempt; pinProblem: Problem | null }
  | { phase: 'unknownOutcome'; draft: Draft; attempt: Attempt }
  | { phase: 'refused'; draft: Draft; problem: Problem }
  | { phase: 'redeemed'; draft: Draft; receipt: Receipt; undo: UndoState };

export type CounterEvent =
  | { type: 'passChanged'; value: string }
  | { type: 'offerChosen'; offerId: string }
  | { type: 'quantityChanged'; quantity: number }
  | { type: 'redeemRequested'; idempotencyKey: string }
  | { type: 'pinEntered'; pin: string }
  | { type: 'pinCancelled' }
  | { type: 'redeemed'; receipt: Receipt }
  | { type: 'refused'; problem: Problem }
  | { type: 'networkFailed' }
  | { type: 'retryRequested' }
  | { type: 'backRequested' }
  | { type: 'undoRequested' }
  | { type: 'undone' }
  | { type: 'undoRefused'; problem: Problem }
  | { type: 'nextCustomer' };

export const EMPTY_DRAFT: Draft = { passInput: '', offerId: null, quantity: 1 };
export const INITIAL_COUNTER_STATE: CounterState = { phase: 'entering', draft: EMPTY_DRAFT };

/** Codes that ask for the PIN pad rather than a refusal sentence. */
const PIN_CODES = new Set(['PIN_REQUIRED', 'PIN_INCORRECT']);

export function clampQuantity(quantity: number): number {
  if (!Number.isFinite(quantity)) return 1;
  return Math.min(QUANTITY_MAX, Math.max(1, Math.trunc(quantity)));
}

/** Why Redeem cannot be pressed yet, or null when it can. */
export function missingChoice(draft: Draft): 'pass' | 'offer' | null {
  if (checkPassNumber(draft.passInput).status !== 'valid') return 'pass';
  if (draft.offerId === null) return 'offer';
  return null;
}

/** The request that a "submitting" state stands for (the component sends it). */
export function pendingRequest(state: CounterState): Attempt | null {
  return state.phase === 'submitting' ? state.attempt : null;
}

/**
 * The counter as a pure state machine: each event either moves it on or leaves it as it is (an
 * event that does not fit the phase, e.g. a second Redeem while one is being sent, changes nothing).
 */
export function counterReducer(state: CounterState, event: CounterEvent): CounterState {
  switch (event.type) {
    case 'passChanged':
      return state.phase === 'entering'
        ? { ...state, draft: { ...state.draft, passInput: event.value } }
        : state;
    case 'offerChosen':
      return state.phase === 'entering'
        ? { ...state, draft: { ...state.draft, offerId: event.offerId } }
        : state;
    case 'quantityChanged':
      return state.phase === 'entering'
        ? { ...state, draft: { ...state.draft, quantity: clampQuantity(event.quantity) } }
        : state;
    case 'redeemRequested': {
      if (state.phase !== 'entering' || missingChoice(state.draft) !== null) return state;
      const check = checkPassNumber(state.draft.passInput);
      if (check.status !== 'valid' || state.draft.offerId === null) return state;
      const attempt: Attempt = {
        idempotencyKey: event.idempotencyKey,
        passNumber: check.number,
        offerId: state.draft.offerId,
        quantity: state.draft.quantity,
      };
      return { phase: 'submitting', draft: state.draft, attempt };
    }
    case 'pinEntered':
      return state.phase === 'pin'
        ? { phase: 'submitting', draft: state.draft, attempt: { ...state.attempt, pin: event.pin } }
        : state;
    case 'pinCancelled':
      return state.phase === 'pin' ? { phase: 'entering', draft: state.draft } : state;
    case 'redeemed':
      return state.phase === 'submitting'
        ? {
            phase: 'redeemed',
            draft: state.draft,
            receipt: event.receipt,
            undo: { status: 'idle' },
          }
        : state;
    case 'refused':
      if (state.phase !== 'submitting') return state;
      if (PIN_CODES.has(event.problem.code)) {
        // Same attempt, same key: the PIN is not part of what makes the request "the same".
        const attempt = { ...state.attempt, pin: undefined };
        return {
          phase: 'pin',
          draft: state.draft,
          attempt,
          pinProblem: event.problem.code === 'PIN_INCORRECT' ? event.problem : null,
        };
      }
      return { phase: 'refused', draft: state.draft, problem: event.problem };
    case 'networkFailed':
      return state.phase === 'submitting'
        ? { phase: 'unknownOutcome', draft: state.draft, attempt: state.attempt }
        : state;
    case 'retryRequested':
      return state.phase === 'unknownOutcome'
        ? { phase: 'submitting', draft: state.draft, attempt: state.attempt }
        : state;
    case 'backRequested':
      return state.phase === 'refused' ? { phase: 'entering', draft: state.draft } : state;
    case 'undoRequested':
      return state.phase === 'redeemed' &&
        state.undo.status !== 'undoing' &&
        state.undo.status !== 'undone'
        ? { ...state, undo: { status: 'undoing' } }
        : state;
    case 'undone':
      return state.phase === 'redeemed' && state.undo.status === 'undoing'
        ? { ...state, undo: { status: 'undone' } }
        : state;
    case 'undoRefused':
      return state.phase === 'redeemed' && state.undo.status === 'undoing'
        ? { ...state, undo: { status: 'failed', problem: event.problem } }
        : state;
    case 'nextCustomer':
      return state.phase === 'redeemed' || state.phase === 'refused'
        ? { phase: 'entering', draft: EMPTY_DRAFT }
        : state;
  }
}

/** Milliseconds left to undo a redemption, 0 once the window has closed. */
export function undoTimeLeft(voidableUntil: string, now: number): number {
  return Math.max(0, new Date(voidableUntil).getTime() - now);
}

/** A new Idempotency-Key (a random UUID; crypto.randomUUID needs a secure context, getRandomValues does not). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
