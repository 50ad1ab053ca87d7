import { forwardRef, type KeyboardEvent } from 'react';
import type { MessageKey } from '../i18n/catalogue';
import { useT } from '../i18n/i18n';
import { checkPassNumber, type PassNumberCheck } from './pass-number';

interface Props {
  value: string;
  onChange(value: string): void;
  /** Enter in the field (a USB or Bluetooth scanner types the digits and Enter). */
  onEnter(): void;
  /** The API's message for this field (errors[].field = passNumber), if it refused it. */
  serverError?: string;
  disabled?: boolean;
}

function feedback(
  check: PassNumberCheck,
): { key: MessageKey; count?: number; error: boolean } | null {
  switch (check.status) {
    case 'empty':
      return null;
    case 'incomplete':
      return { key: 'kassa.pass.incomplete', count: check.missing, error: false };
    case 'tooLong':
      return { key: 'kassa.pass.tooLong', count: check.length, error: true };
    case 'notDigits':
      return { key: 'kassa.pass.notDigits', error: true };
    case 'checkDigit':
      return { key: 'kassa.pass.checkDigit', error: true };
    case 'valid':
      return { key: 'kassa.pass.valid', error: false };
  }
}

/** "Pasnummer": numeric keypad, spaces allowed, the Luhn check digit checked as you type. */
export const PassNumberField = forwardRef<HTMLInputElement, Props>(function PassNumberField(
  { value, onChange, onEnter, serverError, disabled },
  ref,
) {
  const t = useT();
  const check = checkPassNumber(value);
  const said = feedback(check);
  const invalid = Boolean(said?.error || serverError);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    onEnter();
  };
  return (
    <div className="field field--pass">
      <label htmlFor="pass-number">{t('kassa.pass.label')}</label>
      <p id="pass-number-hint" className="field__hint">
        {t('kassa.pass.hint')}
      </p>
      <input
        ref={ref}
        id="pass-number"
        name="passNumber"
        type="text"
        inputMode="numeric"
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="next"
        value={value}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby="pass-number-hint pass-number-feedback"
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p
        id="pass-number-feedback"
        role="status"
        className={
          invalid ? 'field__error' : check.status === 'valid' ? 'field__ok' : 'field__hint'
        }
      >
        {serverError ?? (said ? t(said.key, { count: said.count ?? 0 }) : '')}
      </p>
    </div>
  );
});
