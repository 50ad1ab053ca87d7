import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';

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

const { BulkActivityPage } = await import('./BulkActivityPage');

function answer(path: string) {
  if (path === '/api/v1/organisations/{id}/hour-rate')
    return {
      organisationId: 'organisation-1',
      rate: '1.00',
      organisationRate: null,
      min: '0.50',
      max: '2.00',
      updatedAt: null,
    };
  if (path === '/api/v1/time-claims')
    return {
      items: [
        { volunteerId: 'v-1', volunteerName: 'Eva Smeets' },
        { volunteerId: 'v-2', volunteerName: 'Daan Hermans' },
      ],
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
          <BulkActivityPage />
        </MemoryRouter>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

async function fillTwoLines() {
  await userEvent.type(screen.getByLabelText('Activiteit'), 'Buurtfeest');
  await userEvent.selectOptions(await screen.findByLabelText('Vrijwilliger 1'), 'Daan Hermans');
  await userEvent.type(screen.getByLabelText('Uren van vrijwilliger 1'), '3');
  await userEvent.click(screen.getByRole('button', { name: 'Nog een vrijwilliger' }));
  await userEvent.selectOptions(screen.getByLabelText('Vrijwilliger 2'), 'Eva Smeets');
  await userEvent.type(screen.getByLabelText('Uren van vrijwilliger 2'), '23,5');
}

describe('BulkActivityPage', () => {
  beforeEach(() => {
    localStorage.setItem('steerkes.language', 'nl');
    get.mockReset().mockImplementation(answer);
    post.mockReset();
  });

  it('offers the volunteers who worked before, by name, and shows the total at the current rate', async () => {
    renderPage();
    await fillTwoLines();
    expect(screen.getByTestId('activity-total').textContent).toBe(
      'Samen 26,5 uur, kost jullie 26,50 STK tegen het huidige uurtarief.',
    );
  });

  it('shows each refusal of the API at its line, and sends the same key again after no answer', async () => {
    post.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce({
      data: undefined,
      error: {
        type: 'about:blank',
        title: 'TIME_CLAIMS_REFUSED',
        status: 422,
        code: 'TIME_CLAIMS_REFUSED',
        detail: 'Er is niets vastgelegd.',
        instance: '/api/v1/time-claims/bulk',
        requestId: 'r',
        errors: [
          {
            field: 'participants.1.hours',
            code: 'TIME_CLAIM_DAY_LIMIT_EXCEEDED',
            message: 'Te veel uren op deze dag.',
          },
        ],
      },
      response: new Response(null, { status: 422 }),
    });
    renderPage();
    await fillTwoLines();
    await userEvent.click(screen.getByRole('button', { name: 'Vastleggen en uitbetalen' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Er kwam geen antwoord/);
    await userEvent.click(screen.getByRole('button', { name: 'Vastleggen en uitbetalen' }));
    const lines = await screen.findAllByTestId('bulk-line');
    expect(await within(lines[1]).findByText('Te veel uren op deze dag.')).toBeTruthy();
    expect(within(lines[0]).queryByText('Te veel uren op deze dag.')).toBeNull();
    expect(screen.getByLabelText('Uren van vrijwilliger 2').getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(screen.getByRole('alert').textContent).toContain('1 keer klopt er iets niet');
    const calls = post.mock.calls.map(
      ([, options]) => options as { params: { header: Record<string, string> }; body: unknown },
    );
    expect(calls[1].params.header['Idempotency-Key']).toBe(
      calls[0].params.header['Idempotency-Key'],
    );
    expect(calls[0].body).toEqual({
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      activity: 'Buurtfeest',
      participants: [
        { volunteerId: 'v-2', hours: '3' },
        { volunteerId: 'v-1', hours: '23.5' },
      ],
    });
  });
});
