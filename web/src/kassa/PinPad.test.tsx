import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { PinPad } from './PinPad';

function renderPad(problem: string | null = null) {
  const onConfirm = vi.fn();
  const onCancel = vi.fn();
  const view = render(
    <I18nProvider language="en">
      <PinPad onConfirm={onConfirm} onCancel={onCancel} problem={problem} />
    </I18nProvider>,
  );
  return { onConfirm, onCancel, view };
}

describe('the PIN pad', () => {
  it('confirms only once 4 digits are typed on its buttons, showing dots, never the digits', async () => {
    const user = userEvent.setup();
    const { onConfirm, view } = renderPad();
    const confirm = screen.getByRole('button', { name: 'Confirm' });
    for (const digit of ['4', '8', '2'])
      await user.click(screen.getByRole('button', { name: digit }));
    expect(confirm).toBeDisabled();
    expect(screen.getByText('3 digits typed')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '1' }));
    expect(view.container.textContent).not.toContain('4821');
    await user.click(confirm);
    expect(onConfirm).toHaveBeenCalledWith('4821');
  });

  it('takes at most 6 digits, deletes the last one, clears, and works from the keyboard', async () => {
    const user = userEvent.setup();
    const { onConfirm } = renderPad();
    await user.keyboard('12345678');
    expect(screen.getByText('6 digits typed')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Delete last digit' }));
    expect(screen.getByText('5 digits typed')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.getByText('0 digits typed')).toBeInTheDocument();
    await user.click(screen.getByRole('group', { name: 'PIN' }));
    await user.keyboard('2468{Enter}');
    expect(onConfirm).toHaveBeenCalledWith('2468');
  });

  it('shows the refusal of a wrong PIN and can be cancelled', async () => {
    const user = userEvent.setup();
    const { onCancel } = renderPad(
      'The PIN is wrong. After 4 more wrong attempt(s) in a row the pass is blocked.',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('After 4 more wrong attempt(s)');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalled();
  });
});
