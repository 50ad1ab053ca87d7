import { useId } from 'react';
import { useT } from '../i18n/i18n';

/** A period's first and last day, as two date fields that keep from ≤ to ≤ today. */
export function PeriodFields({
  from,
  to,
  today,
  onFrom,
  onTo,
}: {
  from: string;
  to: string;
  today: string;
  onFrom: (value: string) => void;
  onTo: (value: string) => void;
}) {
  const t = useT();
  const ids = { from: useId(), to: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.from}>{t('org.period.from')}</label>
        <input
          id={ids.from}
          type="date"
          value={from}
          max={to || today}
          onChange={(event) => onFrom(event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.to}>{t('org.period.to')}</label>
        <input
          id={ids.to}
          type="date"
          value={to}
          min={from}
          onChange={(event) => onTo(event.target.value)}
        />
      </div>
    </>
  );
}
