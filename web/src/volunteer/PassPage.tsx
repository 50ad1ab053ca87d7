import './lists-and-figures.css';
import './volunteer.css';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../api/client';
import { useT } from '../i18n/i18n';
import { NoActivePass } from './HomePage';
import { currentPass, type Pass, problemText, useOwnPasses, volunteerKeys } from './volunteer-data';

/** The same rule as the API's (4 to 6 digits), checked first so a typo is said at once. */
const PIN_PATTERN = /^[0-9]{4,6}$/;
const BLOCK_REASONS = ['lost', 'stolen', 'damaged', 'other'] as const;
type BlockReason = (typeof BLOCK_REASONS)[number];

/** The volunteer's pass: set or change the PIN; block a lost pass and get a new one. */
export function PassPage() {
  const t = useT();
  const passes = useOwnPasses();
  const pass = passes.data ? currentPass(passes.data) : null;
  return (
    <section className="volunteer-page" aria-labelledby="pass-page-title">
      <h1 id="pass-page-title">{t('volunteer.passPage.title')}</h1>
      {passes.isPending && <p>{t('volunteer.loading')}</p>}
      {passes.isError && <p role="alert">{t('volunteer.loadFailed')}</p>}
      {passes.isSuccess &&
        (pass?.status === 'active' ? <ActivePass pass={pass} /> : <NoActivePass pass={pass} />)}
    </section>
  );
}

function ActivePass({ pass }: { pass: Pass }) {
  const t = useT();
  return (
    <>
      <p>
        {t('volunteer.pass.number')}: <span className="pass-number">{pass.printedNumber}</span>
      </p>
      <PinForm pass={pass} />
      <BlockPass pass={pass} />
    </>
  );
}

function PinForm({ pass }: { pass: Pass }) {
  const t = useT();
  const queryClient = useQueryClient();
  const ids = { pin: useId(), repeat: useId(), problem: useId() };
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: volunteerKeys.passes });

  const save = useMutation({
    mutationFn: async () => {
      unwrap(
        await api.PUT('/api/v1/passes/{number}/pin', {
          params: { path: { number: pass.number } },
          body: { pin },
        }),
      );
    },
    onSuccess: () => {
      setPin('');
      setRepeat('');
      setDone(t('volunteer.pin.saved'));
      void refresh();
    },
    onError: (error) => setProblem(problemText(error, t('volunteer.loadFailed'))),
  });
  const remove = useMutation({
    mutationFn: async () => {
      unwrap(
        await api.DELETE('/api/v1/passes/{number}/pin', {
          params: { path: { number: pass.number } },
        }),
      );
    },
    onSuccess: () => {
      setDone(t('volunteer.pin.removed'));
      void refresh();
    },
    onError: (error) => setProblem(problemText(error, t('volunteer.loadFailed'))),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    if (!PIN_PATTERN.test(pin)) return setProblem(t('volunteer.pin.format'));
    if (pin !== repeat) return setProblem(t('volunteer.pin.mismatch'));
    setProblem(null);
    save.mutate();
  };

  return (
    <form className="card" onSubmit={onSubmit} noValidate aria-labelledby="pin-title">
      <h2 id="pin-title">
        {pass.pinSet ? t('volunteer.pin.titleChange') : t('volunteer.pin.titleSet')}
      </h2>
      <p>{t('volunteer.pin.explained')}</p>
      <div className="field">
        <label htmlFor={ids.pin}>{t('volunteer.pin.pin')}</label>
        <input
          id={ids.pin}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={6}
          value={pin}
          onChange={(event) => setPin(event.target.value)}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? ids.problem : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.repeat}>{t('volunteer.pin.repeat')}</label>
        <input
          id={ids.repeat}
          type="password"
          inputMode="numeric"
          autoComplete="new-password"
          maxLength={6}
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
          aria-invalid={Boolean(problem)}
          aria-describedby={problem ? ids.problem : undefined}
        />
      </div>
      {problem && (
        <p id={ids.problem} className="field__error" role="alert">
          {problem}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={save.isPending}>
          {t('volunteer.pin.save')}
        </button>
        {pass.pinSet && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => remove.mutate()}
            disabled={remove.isPending}
          >
            {t('volunteer.pin.remove')}
          </button>
        )}
      </div>
      <p role="status">{done}</p>
    </form>
  );
}

function BlockPass({ pass }: { pass: Pass }) {
  const t = useT();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState<BlockReason>('lost');
  const [confirming, setConfirming] = useState(false);
  const block = useMutation({
    mutationFn: async () => {
      return unwrap(
        await api.POST('/api/v1/passes/{number}/block', {
          params: { path: { number: pass.number } },
          body: { reason },
        }),
      );
    },
    // The page then shows the blocked pass with the way to a new one.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: volunteerKeys.passes }),
  });
  return (
    <section className="card" aria-labelledby="block-title">
      <h2 id="block-title">{t('volunteer.block.title')}</h2>
      <p>{t('volunteer.block.explained')}</p>
      <fieldset>
        <legend>{t('volunteer.block.reason')}</legend>
        {BLOCK_REASONS.map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name="block-reason"
              value={option}
              checked={reason === option}
              onChange={() => setReason(option)}
            />
            <span>{t(`volunteer.block.reason.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      {!confirming ? (
        <button type="button" className="button-danger" onClick={() => setConfirming(true)}>
          {t('volunteer.block.block')}
        </button>
      ) : (
        <div role="group" aria-labelledby="block-confirm">
          <p id="block-confirm">{t('volunteer.block.confirm', { number: pass.printedNumber })}</p>
          <div className="actions">
            <button
              type="button"
              className="button-danger"
              onClick={() => block.mutate()}
              disabled={block.isPending}
            >
              {t('volunteer.block.confirmYes', { number: pass.printedNumber })}
            </button>
            <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
              {t('volunteer.block.cancel')}
            </button>
          </div>
        </div>
      )}
      {block.isError && <p role="alert">{problemText(block.error, t('volunteer.loadFailed'))}</p>}
    </section>
  );
}
