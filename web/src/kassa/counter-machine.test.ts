import { describe, expect, it } from 'vitest';
import type { Problem } from '../api/client';
import {
  type CounterEvent,
  counterReducer,
  type CounterState,
  INITIAL_COUNTER_STATE,
  missingChoice,
  newIdempotencyKey,
  type Receipt,
  undoTimeLeft,
} from './counter-machine';

const PASS = '5808 3127 9980'; // a valid Luhn number
const OFFER = '11111111-1111-4111-8111-111111111111';

function problem(code: string, status = 422): Problem {
  return {
    type: `urn:steerkes:problem:${code}`,
    title: code,
    status,
    code: code as Problem['code'],
    detail: `detail of ${code}`,
    instance: '/api/v1/redemptions',
    requestId: 'r',
  };
}

const receipt = {
  id: 'redemption-1',
  voidableUntil: '2026-12-03T10:15:00.000Z',
  fiscalWarnings: [],
} as unknown as Receipt;

function run(...events: CounterEvent[]): CounterState {
  return events.reduce(counterReducer, INITIAL_COUNTER_STATE);
}

const ready: CounterEvent[] = [
  { type: 'passChanged', value: PASS },
  { type: 'offerChosen', offerId: OFFER },
  { type: 'quantityChanged', quantity: 2 },
];

describe('the counter state machine', () => {
  it('does not redeem until the pass number is valid and an offer is chosen', () => {
    expect(run({ type: 'redeemRequested', idempotencyKey: 'k' }).phase).toBe('entering');
    expect(missingChoice(run({ type: 'passChanged', value: '5808 3127 9981' }).draft)).toBe('pass');
    expect(
      run(
        { type: 'passChanged', value: '5808 3127 9981' },
        { type: 'offerChosen', offerId: OFFER },
        { type: 'redeemRequested', idempotencyKey: 'k' },
      ).phase,
    ).toBe('entering');
    expect(missingChoice(run({ type: 'passChanged', value: PASS }).draft)).toBe('offer');
    expect(
      run({ type: 'passChanged', value: PASS }, { type: 'redeemRequested', idempotencyKey: 'k' })
        .phase,
    ).toBe('entering');
  });

  it('sends one attempt with the digits only, the offer, the quantity and its key', () => {
    const state = run(...ready, { type: 'redeemRequested', idempotencyKey: 'key-1' });
    expect(state).toMatchObject({
      phase: 'submitting',
      attempt: { idempotencyKey: 'key-1', passNumber: '580831279980', offerId: OFFER, quantity: 2 },
    });
    // A second press while it is on its way changes nothing (no second request, no second key).
    expect(counterReducer(state, { type: 'redeemRequested', idempotencyKey: 'key-2' })).toBe(state);
  });

  it('keeps the quantity between 1 and 20', () => {
    expect(run({ type: 'quantityChanged', quantity: 0 }).draft.quantity).toBe(1);
    expect(run({ type: 'quantityChanged', quantity: 99 }).draft.quantity).toBe(20);
    expect(run({ type: 'quantityChanged', quantity: Number.NaN }).draft.quantity).toBe(1);
  });

  it('asks for the PIN on PIN_REQUIRED and sends it with the same key; a wrong PIN asks again with the API’s words', () => {
    const submitted = run(...ready, { type: 'redeemRequested', idempotencyKey: 'key-1' });
    const pin = counterReducer(submitted, { type: 'refused', problem: problem('PIN_REQUIRED') });
    expect(pin).toMatchObject({ phase: 'pin', pinProblem: null });
    const withPin = counterReducer(pin, { type: 'pinEntered', pin: '4821' });
    expect(withPin).toMatchObject({
      phase: 'submitting',
      attempt: { idempotencyKey: 'key-1', pin: '4821' },
    });
    const wrong = counterReducer(withPin, { type: 'refused', problem: problem('PIN_INCORRECT') });
    expect(wrong).toMatchObject({ phase: 'pin', pinProblem: { code: 'PIN_INCORRECT' } });
    expect(wrong.phase === 'pin' && wrong.attempt.pin).toBeUndefined();
    expect(counterReducer(wrong, { type: 'pinCancelled' })).toMatchObject({
      phase: 'entering',
      draft: { passInput: PASS },
    });
  });

  it('on a lost answer offers Try again, which sends the same attempt with the same key', () => {
    const submitted = run(...ready, { type: 'redeemRequested', idempotencyKey: 'key-1' });
    const unknown = counterReducer(submitted, { type: 'networkFailed' });
    expect(unknown.phase).toBe('unknownOutcome');
    const retried = counterReducer(unknown, { type: 'retryRequested' });
    expect(retried).toMatchObject({
      phase: 'submitting',
      attempt: { idempotencyKey: 'key-1', passNumber: '580831279980', quantity: 2 },
    });
    expect(counterReducer(retried, { type: 'redeemed', receipt })).toMatchObject({
      phase: 'redeemed',
      receipt: { id: 'redemption-1' },
    });
  });

  it('shows any other refusal; Back keeps the choices and a new Redeem is a new attempt with a new key', () => {
    const refused = run(
      ...ready,
      { type: 'redeemRequested', idempotencyKey: 'key-1' },
      { type: 'refused', problem: problem('OFFER_OUT_OF_STOCK') },
    );
    expect(refused).toMatchObject({ phase: 'refused', problem: { code: 'OFFER_OUT_OF_STOCK' } });
    const back = counterReducer(refused, { type: 'backRequested' });
    expect(back).toMatchObject({
      phase: 'entering',
      draft: { passInput: PASS, offerId: OFFER, quantity: 2 },
    });
    expect(
      counterReducer(back, { type: 'redeemRequested', idempotencyKey: 'key-2' }),
    ).toMatchObject({ attempt: { idempotencyKey: 'key-2' } });
  });

  it('undoes a receipt once; a refused undo says why and may be tried again; Next customer clears everything', () => {
    const redeemed = run(
      ...ready,
      { type: 'redeemRequested', idempotencyKey: 'key-1' },
      { type: 'redeemed', receipt },
    );
    const undoing = counterReducer(redeemed, { type: 'undoRequested' });
    expect(undoing).toMatchObject({ undo: { status: 'undoing' } });
    expect(counterReducer(undoing, { type: 'undoRequested' })).toBe(undoing);
    const refused = counterReducer(undoing, {
      type: 'undoRefused',
      problem: problem('REDEMPTION_VOID_WINDOW_CLOSED', 409),
    });
    expect(refused).toMatchObject({
      undo: { status: 'failed', problem: { code: 'REDEMPTION_VOID_WINDOW_CLOSED' } },
    });
    const undone = counterReducer(counterReducer(refused, { type: 'undoRequested' }), {
      type: 'undone',
    });
    expect(undone).toMatchObject({ undo: { status: 'undone' } });
    expect(counterReducer(undone, { type: 'nextCustomer' })).toEqual(INITIAL_COUNTER_STATE);
  });

  it('ignores answers that do not belong to the phase (a late answer after Next customer)', () => {
    expect(run({ type: 'redeemed', receipt })).toEqual(INITIAL_COUNTER_STATE);
    expect(run({ type: 'networkFailed' })).toEqual(INITIAL_COUNTER_STATE);
    expect(run({ type: 'retryRequested' })).toEqual(INITIAL_COUNTER_STATE);
  });

  it('counts the undo time down to zero, never below', () => {
    const until = '2026-12-03T10:15:00.000Z';
    expect(undoTimeLeft(until, Date.parse('2026-12-03T10:00:00.000Z'))).toBe(15 * 60 * 1000);
    expect(undoTimeLeft(until, Date.parse('2026-12-03T10:16:00.000Z'))).toBe(0);
  });

  it('makes a new random key per attempt', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const key of keys)
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
