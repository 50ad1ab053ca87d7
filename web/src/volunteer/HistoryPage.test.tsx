import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { components } from '../api/schema';
import { I18nProvider } from '../i18n/i18n';

type StatementLine = components['schemas']['StatementLineDto'];

function line(index: number, overrides: Partial<StatementLine> = {}): StatementLine {
  return {
    entryId: `entry-${index}`,
    sequence: index,
    code: 'TRANSFER',
    description: `Overboeking ${index}`,
    effectiveDate: '2026-11-10',
    createdAt: '2026-11-10T10:00:00.000Z',
    amount: '1.00',
    balanceAfter: `${10 + index}.00`,
    ...overrides,
  };
}

const get = vi.hoisted(() => vi.fn());

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

const { HistoryPage } = await import('./HistoryPage');

/** The API as the page asks it: the account, the statement in two pages, the claims and redemptions behind the lines, an offer. */
function answer(
  path: string,
  options: { params?: { query?: Record<string, unknown>; path?: Record<string, string> } },
) {
  const query = options.params?.query ?? {};
  switch (path) {
    case '/api/v1/parties/{id}/accounts':
      return [
        { id: 'account-1', currency: 'STK', balance: '20.00', available: '20.00', pending: '0.00' },
      ];
    case '/api/v1/accounts/{id}/postings':
      return query.cursor === 'page-2'
        ? {
            account: {},
            items: [
              line(3, {
                code: 'REDEEM',
                entryId: 'entry-redeem',
                amount: '-2.00',
                description: 'Voordeelpas: 1× Kop koffie met vlaai',
              }),
            ],
            nextCursor: null,
            balanceAsOf: { asOf: '2026-10-31', balance: '10.00' },
          }
        : {
            account: {},
            items: [line(1, { code: 'HOURS', entryId: 'entry-hours', amount: '2.50' }), line(2)],
            nextCursor: 'page-2',
            balanceAsOf: { asOf: '2026-10-31', balance: '10.00' },
          };
    case '/api/v1/time-claims':
      return {
        items: [
          {
            id: 'claim-1',
            entryId: 'entry-hours',
            organisationName: 'Buurtcentrum Malberg',
            activity: 'Koffieochtend',
            hours: '2.50',
            date: '2026-11-08',
          },
        ],
        nextCursor: null,
      };
    case '/api/v1/redemptions':
      return {
        items: [
          {
            id: 'redemption-1',
            entryId: 'entry-redeem',
            reversalEntryId: null,
            offerId: 'offer-1',
            businessId: 'business-1',
            quantity: 1,
            offerTitle: { nl: 'Kop koffie met vlaai', en: 'Coffee with Limburg pie' },
          },
        ],
        nextCursor: null,
      };
    case '/api/v1/offers/{id}':
      return { id: 'offer-1', businessId: 'business-1', businessName: 'Het Bonenhuis' };
    default:
      throw new Error(`unexpected ${path}`);
  }
}

describe('the history page', () => {
  beforeEach(() => {
    get.mockReset();
    get.mockImplementation(answer);
  });

  it('tells each line in plain words with the balance after it, and loads the month’s next page on request', async () => {
    const user = userEvent.setup();
    render(
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <I18nProvider language="en">
          <HistoryPage />
        </I18nProvider>
      </QueryClientProvider>,
    );
    const list = await screen.findByRole('list', { name: 'History' });
    expect(await within(list).findByText('Hours paid by Buurtcentrum Malberg')).toBeTruthy();
    expect(within(list).getByText('Koffieochtend: 2.5 hours on 8 November 2026')).toBeTruthy();
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getAllByRole('listitem')[1].textContent).toContain(
      'Balance after: 12.00 STK',
    );

    await user.click(screen.getByRole('button', { name: 'More lines of this month' }));
    expect(await within(list).findByText('Redeemed at Het Bonenhuis')).toBeTruthy();
    expect(within(list).getByText('1 × Coffee with Limburg pie')).toBeTruthy();
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'More lines of this month' })).toBeNull();
    const statementCalls = get.mock.calls.filter(
      ([path]) => path === '/api/v1/accounts/{id}/postings',
    );
    expect(
      statementCalls.map(
        ([, options]) =>
          (options as { params: { query: { cursor?: string } } }).params.query.cursor,
      ),
    ).toEqual([undefined, 'page-2']);
  });
});
