import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { PassNumberField } from './PassNumberField';

function Harness({ onEnter }: { onEnter: () => void }) {
  const [value, setValue] = useState('');
  return (
    <I18nProvider language="nl">
      <PassNumberField value={value} onChange={setValue} onEnter={onEnter} />
    </I18nProvider>
  );
}

describe('the pass number field', () => {
  it('is labelled, opens the numeric keypad and checks the Luhn digit as you type, spaces allowed', async () => {
    const user = userEvent.setup();
    render(<Harness onEnter={() => undefined} />);
    const field = screen.getByLabelText('Pasnummer');
    expect(field).toHaveAttribute('inputmode', 'numeric');
    await user.type(field, '5808 31');
    expect(screen.getByRole('status')).toHaveTextContent('Nog 6 cijfers.');
    expect(field).not.toHaveAttribute('aria-invalid');
    await user.type(field, '27 9981');
    expect(screen.getByRole('status')).toHaveTextContent('Dit nummer klopt niet (controlecijfer)');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.type(field, '{Backspace}0');
    expect(screen.getByRole('status')).toHaveTextContent('Pasnummer klopt.');
    expect(field).not.toHaveAttribute('aria-invalid');
    await user.type(field, '1');
    expect(screen.getByRole('status')).toHaveTextContent(
      'Een pasnummer heeft 12 cijfers; dit zijn er 13.',
    );
  });

  it('refuses letters before anything is sent', async () => {
    const user = userEvent.setup();
    render(<Harness onEnter={() => undefined} />);
    await user.type(screen.getByLabelText('Pasnummer'), '58a8');
    expect(screen.getByRole('status')).toHaveTextContent('Alleen cijfers en spaties.');
  });

  it('takes a USB scanner: digits and Enter, and Enter goes on instead of submitting a form', async () => {
    const user = userEvent.setup();
    const onEnter = vi.fn();
    const onSubmit = vi.fn((event: Event) => event.preventDefault());
    render(
      <form onSubmit={(event) => onSubmit(event.nativeEvent)}>
        <Harness onEnter={onEnter} />
      </form>,
    );
    await user.type(screen.getByLabelText('Pasnummer'), '580831279980{Enter}');
    expect(onEnter).toHaveBeenCalledTimes(1);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole('status')).toHaveTextContent('Pasnummer klopt.');
  });
});
