import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { fieldErrors, ApiProblemError } from '../api/client';
import { useFormat } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { sumAmounts } from './amounts';
import {
  type CounterEvent,
  counterReducer,
  type CounterState,
  INITIAL_COUNTER_STATE,
  missingChoice,
  newIdempotencyKey,
  type Offer,
  QUANTITY_MAX,
  undoTimeLeft,
} from './counter-machine';
import {
  sendRedemption,
  todayKey,
  useCounterOffers,
  useTodayRedemptions,
  useVoidRedemption,
} from './kassa-api';
import { PassNumberField } from './PassNumberField';
import { PinPad } from './PinPad';
import { Refusal } from './Refusal';
import { groupPassNumber } from './pass-number';
import { useNow } from './use-now';

// The camera view and its decoder load only when the operator opens the camera.
const CameraScanner = lazy(() =>
  import('./CameraScanner').then((module) => ({ default: module.CameraScanner })),
);

/** The counter: pass, offer, quantity, Redeem; PIN pad, refusals, receipt with undo, today's list. */
export function KassaPage() {
  const { t } = useI18n();
  const [state, dispatch] = useReducer(counterReducer, INITIAL_COUNTER_STATE);
  const queryClient = useQueryClient();
  const sent = useRef<CounterState | null>(null);

  // Each "submitting" state is one request: sent once, whatever React renders.
  useEffect(() => {
    if (state.phase !== 'submitting' || sent.current === state) return;
    sent.current = state;
    void sendRedemption(state.attempt).then((outcome) => {
      if (outcome.kind === 'redeemed') {
        dispatch({ type: 'redeemed', receipt: outcome.receipt });
        void queryClient.invalidateQueries({ queryKey: todayKey });
        void queryClient.invalidateQueries({ queryKey: ['offers'] });
      } else if (outcome.kind === 'refused')
        dispatch({ type: 'refused', problem: outcome.problem });
      else dispatch({ type: 'networkFailed' });
    });
  }, [state, queryClient]);

  return (
    <div className="kassa">
      <h1>{t('kassa.title')}</h1>
      <div className="kassa__layout">
        <div className="kassa__main">
          <CounterPanel state={state} dispatch={dispatch} />
        </div>
        <TodayRedemptions />
      </div>
    </div>
  );
}

function CounterPanel({
  state,
  dispatch,
}: {
  state: CounterState;
  dispatch: (event: CounterEvent) => void;
}) {
  switch (state.phase) {
    case 'entering':
    case 'submitting':
      return <RedeemForm state={state} dispatch={dispatch} />;
    case 'pin':
      return (
        <PinPad
          problem={state.pinProblem ? state.pinProblem.detail : null}
          onConfirm={(pin) => dispatch({ type: 'pinEntered', pin })}
          onCancel={() => dispatch({ type: 'pinCancelled' })}
        />
      );
    case 'unknownOutcome':
      return <RetryPanel onRetry={() => dispatch({ type: 'retryRequested' })} />;
    case 'refused':
      return <RefusedPanel state={state} dispatch={dispatch} />;
    case 'redeemed':
      return <ReceiptPanel state={state} dispatch={dispatch} />;
  }
}

function RedeemForm({
  state,
  dispatch,
}: {
  state: Extract<CounterState, { phase: 'entering' | 'submitting' }>;
  dispatch: (event: CounterEvent) => void;
}) {
  const { t, language } = useI18n();
  const format = useFormat();
  const offers = useCounterOffers();
  const [cameraOpen, setCameraOpen] = useState(false);
  const passField = useRef<HTMLInputElement>(null);
  const firstOffer = useRef<HTMLButtonElement>(null);
  const redeemButton = useRef<HTMLButtonElement>(null);
  const { draft } = state;
  const submitting = state.phase === 'submitting';
  const missing = missingChoice(draft);
  const chosen = offers.data?.find((offer) => offer.id === draft.offerId) ?? null;

  const onScanned = useCallback(
    (passNumber: string) => {
      setCameraOpen(false);
      dispatch({ type: 'passChanged', value: groupPassNumber(passNumber) });
      passField.current?.focus();
    },
    [dispatch],
  );
  // A scanner's Enter: go on to the offer, or to Redeem once an offer is chosen.
  const onEnter = () => (draft.offerId ? redeemButton.current : firstOffer.current)?.focus();

  return (
    <form
      className="card redeem-form"
      aria-busy={submitting}
      onSubmit={(event) => {
        event.preventDefault();
        dispatch({ type: 'redeemRequested', idempotencyKey: newIdempotencyKey() });
      }}
    >
      <fieldset>
        <legend>{t('kassa.pass.legend')}</legend>
        <PassNumberField
          ref={passField}
          value={draft.passInput}
          disabled={submitting}
          onChange={(value) => dispatch({ type: 'passChanged', value })}
          onEnter={onEnter}
        />
        {cameraOpen ? (
          <Suspense fallback={<p role="status">{t('kassa.camera.loading')}</p>}>
            <CameraScanner onScanned={onScanned} onClose={() => setCameraOpen(false)} />
          </Suspense>
        ) : (
          <button
            type="button"
            className="button-secondary"
            disabled={submitting}
            onClick={() => setCameraOpen(true)}
          >
            {t('kassa.camera.start')}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('kassa.offers.legend')}</legend>
        {offers.isPending && <p role="status">{t('kassa.offers.loading')}</p>}
        {offers.isError && (
          <p role="alert" className="alert">
            {offers.error instanceof ApiProblemError
              ? offers.error.problem.detail
              : t('error.network')}
          </p>
        )}
        {offers.data?.length === 0 && <p>{t('kassa.offers.none')}</p>}
        <div className="offers">
          {offers.data?.map((offer: Offer, index) => (
            <button
              key={offer.id}
              ref={index === 0 ? firstOffer : undefined}
              type="button"
              className="offer"
              aria-pressed={offer.id === draft.offerId}
              disabled={submitting}
              onClick={() => dispatch({ type: 'offerChosen', offerId: offer.id })}
            >
              <span className="offer__title">{offer.title[language]}</span>
              <span className="offer__price">{format.steerkes(offer.price)}</span>
              {offer.stockRemaining !== null && (
                <span className="offer__stock">
                  {t('kassa.offers.stockLeft', { count: format.integer(offer.stockRemaining) })}
                </span>
              )}
            </button>
          ))}
        </div>
        <div className="quantity">
          <label htmlFor="quantity">{t('kassa.quantity.label')}</label>
          <div className="quantity__controls">
            <button
              type="button"
              aria-label={t('kassa.quantity.less')}
              disabled={submitting || draft.quantity <= 1}
              onClick={() => dispatch({ type: 'quantityChanged', quantity: draft.quantity - 1 })}
            >
              −
            </button>
            <input
              id="quantity"
              type="number"
              inputMode="numeric"
              min={1}
              max={QUANTITY_MAX}
              value={draft.quantity}
              disabled={submitting}
              onChange={(event) =>
                dispatch({ type: 'quantityChanged', quantity: Number(event.target.value) })
              }
            />
            <button
              type="button"
              aria-label={t('kassa.quantity.more')}
              disabled={submitting || draft.quantity >= QUANTITY_MAX}
              onClick={() => dispatch({ type: 'quantityChanged', quantity: draft.quantity + 1 })}
            >
              +
            </button>
          </div>
        </div>
      </fieldset>
      {chosen && (
        <p className="total">
          {t('kassa.total', {
            amount: format.steerkes(sumAmounts(Array(draft.quantity).fill(chosen.price))),
          })}
        </p>
      )}
      {missing && !submitting && (
        <p className="field__hint" id="redeem-missing">
          {t(missing === 'pass' ? 'kassa.choose.pass' : 'kassa.choose.offer')}
        </p>
      )}
      <button
        ref={redeemButton}
        type="submit"
        className="button-primary button-large"
        disabled={submitting || missing !== null}
        aria-describedby={missing ? 'redeem-missing' : undefined}
      >
        {submitting ? t('kassa.redeeming') : t('kassa.redeem')}
      </button>
    </form>
  );
}

function RetryPanel({ onRetry }: { onRetry(): void }) {
  const { t } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <section className="card alert-panel" aria-labelledby="retry-title" role="alert">
      <h2 id="retry-title">{t('kassa.retry.title')}</h2>
      <p>{t('kassa.retry.text')}</p>
      <button ref={button} type="button" className="button-primary button-large" onClick={onRetry}>
        {t('kassa.retry.button')}
      </button>
    </section>
  );
}

function RefusedPanel({
  state,
  dispatch,
}: {
  state: Extract<CounterState, { phase: 'refused' }>;
  dispatch: (event: CounterEvent) => void;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const passError = fieldErrors(new ApiProblemError(state.problem)).passNumber;
  return (
    <section className="card alert-panel" aria-labelledby="refused-title">
      <h2 id="refused-title" ref={heading} tabIndex={-1}>
        {t('kassa.refused.title')}
      </h2>
      <div role="alert" className="refusal">
        <Refusal problem={state.problem} />
        {passError && (
          <p className="field__error">
            {t('kassa.pass.label')}: {passError}
          </p>
        )}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button-secondary"
          onClick={() => dispatch({ type: 'nextCustomer' })}
        >
          {t('kassa.receipt.next')}
        </button>
        <button
          type="button"
          className="button-primary"
          onClick={() => dispatch({ type: 'backRequested' })}
        >
          {t('kassa.refused.again')}
        </button>
      </div>
    </section>
  );
}

function ReceiptPanel({
  state,
  dispatch,
}: {
  state: Extract<CounterState, { phase: 'redeemed' }>;
  dispatch: (event: CounterEvent) => void;
}) {
  const { t, language } = useI18n();
  const format = useFormat();
  const now = useNow();
  const voidRedemption = useVoidRedemption();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const { receipt, undo } = state;
  const timeLeft = undoTimeLeft(receipt.voidableUntil, now);

  const onUndo = () => {
    dispatch({ type: 'undoRequested' });
    voidRedemption.mutate(receipt.id, {
      onSuccess: () => dispatch({ type: 'undone' }),
      onError: (error) =>
        dispatch({
          type: 'undoRefused',
          problem:
            error instanceof ApiProblemError
              ? error.problem
              : {
                  type: '',
                  title: '',
                  status: 0,
                  code: 'INTERNAL_ERROR',
                  detail: t('error.network'),
                  instance: '',
                  requestId: '',
                },
        }),
    });
  };

  return (
    <section className="card receipt" aria-labelledby="receipt-title">
      <h2
        id="receipt-title"
        ref={heading}
        tabIndex={-1}
        className={undo.status === 'undone' ? '' : 'receipt__ok'}
      >
        {undo.status === 'undone' ? t('kassa.receipt.undone') : `✓ ${t('kassa.receipt.title')}`}
      </h2>
      <dl className="receipt__lines">
        <dt>{t('kassa.receipt.offer')}</dt>
        <dd>{receipt.offerTitle[language]}</dd>
        <dt>{t('kassa.receipt.quantity')}</dt>
        <dd>{format.integer(receipt.quantity)}</dd>
        <dt>{t('kassa.receipt.steerkes')}</dt>
        <dd>{format.steerkes(receipt.amount)}</dd>
        <dt>{t('kassa.receipt.euro')}</dt>
        <dd>{format.euro(receipt.euroValue)}</dd>
        <dt>{t('kassa.receipt.pass')}</dt>
        <dd>{receipt.passNumber}</dd>
        <dt>{t('kassa.receipt.at')}</dt>
        <dd>{format.time(receipt.redeemedAt)}</dd>
      </dl>
      {receipt.fiscalWarnings.length > 0 && undo.status !== 'undone' && (
        <div className="notice" role="note">
          <p>{t('kassa.receipt.fiscal')}</p>
          <ul>
            {receipt.fiscalWarnings.map((warning) => (
              <li key={warning.limit}>{warning.message[language]}</li>
            ))}
          </ul>
        </div>
      )}
      {undo.status === 'failed' && (
        <div role="alert" className="alert">
          <Refusal problem={undo.problem} />
        </div>
      )}
      {undo.status !== 'undone' && (
        <p className="receipt__undo-time">
          {timeLeft > 0
            ? t('kassa.receipt.undoTimeLeft', { time: format.duration(timeLeft) })
            : t('kassa.receipt.undoClosed')}
        </p>
      )}
      <div className="actions">
        {undo.status !== 'undone' && timeLeft > 0 && (
          <button
            type="button"
            className="button-secondary"
            disabled={undo.status === 'undoing'}
            onClick={onUndo}
          >
            {t('kassa.receipt.undo')}
          </button>
        )}
        <button
          type="button"
          className="button-primary button-large"
          onClick={() => dispatch({ type: 'nextCustomer' })}
        >
          {t('kassa.receipt.next')}
        </button>
      </div>
    </section>
  );
}

function TodayRedemptions() {
  const { t, language } = useI18n();
  const format = useFormat();
  const now = useNow();
  const today = useTodayRedemptions();
  const voidRedemption = useVoidRedemption();
  const standing = today.data?.filter((redemption) => redemption.status === 'completed') ?? [];
  return (
    <section className="card today" aria-labelledby="today-title">
      <h2 id="today-title">{t('kassa.today.title')}</h2>
      {today.isPending && <p role="status">{t('app.loading')}</p>}
      {today.isError && (
        <p role="alert" className="alert">
          {t('error.network')}
        </p>
      )}
      {today.data?.length === 0 && <p>{t('kassa.today.empty')}</p>}
      {voidRedemption.isError && (
        <div role="alert" className="alert">
          <p>{t('kassa.today.undoFailed')}</p>
          {voidRedemption.error instanceof ApiProblemError && (
            <Refusal problem={voidRedemption.error.problem} />
          )}
        </div>
      )}
      {today.data && today.data.length > 0 && (
        <>
          <p className="today__total">
            {t('kassa.today.total', {
              count: format.integer(standing.length),
              amount: format.steerkes(sumAmounts(standing.map((redemption) => redemption.amount))),
              euro: format.euro(sumAmounts(standing.map((redemption) => redemption.euroValue))),
            })}
          </p>
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('kassa.today.time')}</th>
                  <th scope="col">{t('kassa.today.offer')}</th>
                  <th scope="col">{t('kassa.today.amount')}</th>
                  <th scope="col">{t('kassa.today.status')}</th>
                  <th scope="col">{t('kassa.today.action')}</th>
                </tr>
              </thead>
              <tbody>
                {[...today.data].reverse().map((redemption) => {
                  const left = undoTimeLeft(redemption.voidableUntil, now);
                  return (
                    <tr key={redemption.id}>
                      <td>{format.time(redemption.redeemedAt)}</td>
                      <td>
                        {redemption.quantity > 1 ? `${format.integer(redemption.quantity)} × ` : ''}
                        {redemption.offerTitle[language]}
                        <span className="today__pass"> · {redemption.passNumber}</span>
                      </td>
                      <td className="number">{format.steerkes(redemption.amount)}</td>
                      <td>{t(`kassa.today.status.${redemption.status}`)}</td>
                      <td>
                        {redemption.status === 'completed' && left > 0 && (
                          <button
                            type="button"
                            className="button-small"
                            disabled={voidRedemption.isPending}
                            onClick={() => voidRedemption.mutate(redemption.id)}
                          >
                            {t('kassa.today.undo', { time: format.duration(left) })}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
