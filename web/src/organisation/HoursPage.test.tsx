import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../api/schema';
import { I18nProvider } from '../i18n/i18n';

type TimeClaim = components['schemas']['TimeClaimDto'];

const claim: TimeClaim = {
  id: 'claim-1',
  volunteerId: 'volunteer-1',
  volunteerName: 'Anouk Janssen',
  organisationId: 'organisation-1',
  organisationName: 'Buurtcentrum Malberg',
  date: '2026-11-21',
  hours: '1.75',
  activity: 'Koffieochtend',
  status: 'requested',
  rate: null,
  amount: null,
  entryId: null,
  decidedBy: null,
  decidedAt: null,
  reason: null,
  batchId: null,
  submittedBy: null,
  revokedBy: null,
  revokedAt: null,
  reversalEntryId: null,
  createdAt: '2026-11-21T10:00:00.000Z',
};

const get = vi.hoisted(() => vi.fn());
const post = vi.hoisted(() => vi.fn());

vi.mock('../api/client', async (importOriginal) => {
  const original = await importOriginal<typeof import('../api/client')>();
  return {
    ...original,
    api: {
      GET: (...args: unknown[]) =>
        Promise.resolve({
          data: get(...args),
          error: undefined,
          response: new Response(null, { status: 200 }),
        }),
      POST: (...args: unknown[]) => post(...args),
    },
  };
});

vi.mock('../session/session', () => ({
  useUser: () => ({
    id: 'user-1',
    email: 'org@example.test',
    role: 'org_manager',
    partyId: 'organisation-1',
    displayName: 'Coördinator',
    createdAt: '',
  }),
}));

const { HoursPage } = await import('./HoursPage');

function answer(path: string, options: { params?: { query?: Record<string, unknown> } }) {
  if (path === '/api/v1/organisations/{id}/hour-rate')
    return {
      organisationId: 'organisation-1',
      rate: '1.20',
      organisationRate: '1.20',
      min: '0.50',
      max: '2.00',
      updatedAt: null,
    };
  if (path === '/api/v1/time-claims')
    return {
      items: options.params?.query?.status === 'requested' ? [claim] : [],
      nextCursor: null,
    };
  throw new Error(`unexpected GET ${path}`);
}

function renderPage() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <MemoryRouter>
          <HoursPage />
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('HoursPage', () => {
  beforeEach(() => {
    localStorage.setItem('steerkes.language', 'nl');
    get.mockReset().mockImplementation(answer);
    post.mockReset();
  });

  it('shows each waiting claim with what it costs at the current rate', async () => {
    renderPage();
    const card = await screen.findByTestId('queued-claim');
    expect(within(card).getByText('Anouk Janssen')).toBeTruthy();
    expect(card.textContent).toContain('21 november 2026 · 1,75 uur · Koffieochtend');
    expect(card.textContent).toContain('Kost jullie 2,10 STK tegen het huidige uurtarief');
  });

  it('sends the same Idempotency-Key again when an approval got no answer', async () => {
    post.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce({
      data: { ...claim, status: 'approved', rate: '1.20', amount: '2.10' },
      error: undefined,
      response: new Response(null, { status: 200 }),
    });
    renderPage();
    const approve = await screen.findByRole('button', {
      name: 'Keur de declaratie van Anouk Janssen van 21 november 2026 goed',
    });
    await userEvent.click(approve);
    expect(await screen.findByText(/Er kwam geen antwoord van de server/)).toBeTruthy();
    await userEvent.click(approve);
    expect(
      await screen.findByText('Goedgekeurd: Anouk Janssen, 1,75 uur; 2,10 STK is uitbetaald.'),
    ).toBeTruthy();
    const keys = post.mock.calls.map(
      ([, options]) =>
        (options as { params: { header: Record<string, string> } }).params.header[
          'Idempotency-Key'
        ],
    );
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
  });

  it('asks for a reason before rejecting', async () => {
    renderPage();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Wijs de declaratie van Anouk Janssen van 21 november 2026 af',
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Afwijzen met deze reden' }));
    expect(screen.getByText(/Schrijf kort waarom/)).toBeTruthy();
    expect(post).not.toHaveBeenCalled();
  });
});
