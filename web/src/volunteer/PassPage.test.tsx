import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../api/schema';
import { I18nProvider } from '../i18n/i18n';

type Pass = components['schemas']['PassDto'];

const pass: Pass = {
  id: 'pass-1',
  number: '441709236618',
  printedNumber: '4417 0923 6618',
  volunteerId: 'volunteer-1',
  status: 'active',
  validFrom: '2026-01-01',
  validUntil: '2027-12-31',
  pinSet: false,
  blockedAt: null,
  blockedReason: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const calls = vi.hoisted(() => ({ get: vi.fn(), put: vi.fn(), post: vi.fn(), delete: vi.fn() }));

vi.mock('../api/client', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api/client')>();
  const ok = (data: unknown) => ({
    data,
    error: undefined,
    response: new Response(null, { status: 200 }),
  });
  return {
    ...original,
    api: {
      GET: (...args: unknown[]) => Promise.resolve(ok(calls.get(...args))),
      PUT: (...args: unknown[]) => Promise.resolve(ok(calls.put(...args))),
      POST: (...args: unknown[]) => Promise.resolve(ok(calls.post(...args))),
      DELETE: (...args: unknown[]) => Promise.resolve(ok(calls.delete(...args))),
    },
  };
});

vi.mock('../session/session', () => ({
  useUser: () => ({
    id: 'user-1',
    email: 'anouk@example.test',
    role: 'volunteer',
    partyId: 'volunteer-1',
    displayName: 'Anouk',
    createdAt: '',
  }),
}));

const { PassPage } = await import('./PassPage');

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider language="en">
        <PassPage />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('the pass page', () => {
  beforeEach(() => {
    for (const call of Object.values(calls)) call.mockReset();
    calls.get.mockReturnValue({ items: [pass], nextCursor: null });
  });

  it('says a mismatched or malformed PIN at once and sends nothing; a good one is sent once', async () => {
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('heading', { name: 'Set a PIN' });
    await user.type(screen.getByLabelText('New PIN (4 to 6 digits)'), '4821');
    await user.type(screen.getByLabelText('Repeat the PIN'), '4812');
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The two PINs are not the same.');
    await user.clear(screen.getByLabelText('New PIN (4 to 6 digits)'));
    await user.type(screen.getByLabelText('New PIN (4 to 6 digits)'), '12a');
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));
    expect(screen.getByRole('alert').textContent).toBe('A PIN is 4 to 6 digits.');
    expect(calls.put).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('New PIN (4 to 6 digits)'));
    await user.type(screen.getByLabelText('New PIN (4 to 6 digits)'), '4812');
    await user.click(screen.getByRole('button', { name: 'Save PIN' }));
    await waitFor(() => expect(calls.put).toHaveBeenCalledTimes(1));
    expect(calls.put).toHaveBeenCalledWith('/api/v1/passes/{number}/pin', {
      params: { path: { number: '441709236618' } },
      body: { pin: '4812' },
    });
    expect(await screen.findByText(/Your PIN has been saved/)).toBeTruthy();
  });

  it('blocks the pass only after the volunteer confirms, with the reason chosen', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('radio', { name: 'Stolen' }));
    await user.click(screen.getByRole('button', { name: 'Block my pass' }));
    await user.click(screen.getByRole('button', { name: 'No, keep it' }));
    expect(calls.post).not.toHaveBeenCalled();

    calls.post.mockReturnValue({ ...pass, status: 'blocked', blockedReason: 'stolen' });
    await user.click(screen.getByRole('button', { name: 'Block my pass' }));
    await user.click(screen.getByRole('button', { name: 'Yes, block pass 4417 0923 6618' }));
    await waitFor(() => expect(calls.post).toHaveBeenCalledTimes(1));
    expect(calls.post).toHaveBeenCalledWith('/api/v1/passes/{number}/block', {
      params: { path: { number: '441709236618' } },
      body: { reason: 'stolen' },
    });
  });
});
