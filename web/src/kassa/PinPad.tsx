import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/i18n';

export const PIN_LENGTH_MIN = 4;
export const PIN_LENGTH_MAX = 6;
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/**
 * The PIN pad the volunteer types on: large digit buttons (or the keyboard), the digits shown only as
 * dots, confirm once 4 to 6 digits are typed. The PIN goes to onConfirm and nowhere else.
 */
export function PinPad({
  onConfirm,
  onCancel,
  problem,
}: {
  onConfirm(pin: string): void;
  onCancel(): void;
  problem?: string | null;
}) {
  const t = useT();
  const [pin, setPin] = useState('');
  const pad = useRef<HTMLDivElement>(null);
  useEffect(() => pad.current?.focus(), []);
  useEffect(() => setPin(''), [problem]);

  const type = (digit: string) =>
    setPin((current) => (current.length < PIN_LENGTH_MAX ? current + digit : current));
  const remove = () => setPin((current) => current.slice(0, -1));
  const canConfirm = pin.length >= PIN_LENGTH_MIN;
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (/^[0-9]$/.test(event.key)) type(event.key);
    else if (event.key === 'Backspace') remove();
    else if (event.key === 'Enter' && canConfirm && event.target === event.currentTarget)
      onConfirm(pin);
    else return;
    event.preventDefault();
  };
  return (
    <section className="pin-pad card" aria-labelledby="pin-title">
      <h2 id="pin-title">{t('kassa.pin.title')}</h2>
      <p>{t('kassa.pin.instruction')}</p>
      {problem && (
        <p role="alert" className="alert">
          {problem}
        </p>
      )}
      <div
        ref={pad}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        className="pin-pad__body"
        aria-label={t('kassa.pin.label')}
        role="group"
      >
        <p className="pin-pad__display" aria-live="polite">
          <span aria-hidden="true">
            {'●'.repeat(pin.length) + '○'.repeat(Math.max(0, PIN_LENGTH_MIN - pin.length))}
          </span>
          <span className="visually-hidden">{t('kassa.pin.digits', { count: pin.length })}</span>
        </p>
        <div className="pin-pad__keys">
          {KEYS.map((digit) => (
            <button key={digit} type="button" onClick={() => type(digit)}>
              {digit}
            </button>
          ))}
          <button type="button" onClick={() => setPin('')}>
            {t('kassa.pin.clear')}
          </button>
          <button type="button" onClick={() => type('0')}>
            0
          </button>
          <button type="button" onClick={remove} aria-label={t('kassa.pin.delete')}>
            ⌫
          </button>
        </div>
      </div>
      <div className="actions">
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t('kassa.pin.cancel')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={!canConfirm}
          onClick={() => onConfirm(pin)}
        >
          {t('kassa.pin.confirm')}
        </button>
      </div>
    </section>
  );
}
