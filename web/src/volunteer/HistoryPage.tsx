import './lists-and-figures.css';
import './volunteer.css';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { components } from '../api/schema';
import { useT } from '../i18n/i18n';
import { monthRange, monthsBack, todayInMaastricht } from './calendar';
import {
  datesOf,
  daysBefore,
  type LineStory,
  type StoryContext,
  tellLine,
} from './statement-story';
import { useOwnAccount, volunteerKeys } from './volunteer-data';
import { usePageFormat } from './page-format';

type StatementLine = components['schemas']['StatementLineDto'];

/** Months offered in the month list: this one and a year back. */
const MONTHS_SHOWN = 13;
const STATEMENT_PAGE_SIZE = 20;
/** Hours are paid when approved, usually within weeks of the day they were given. */
const CLAIM_TO_PAYMENT_DAYS_MAX = 62;
const RECORDS_PAGE_SIZE = 100;

/** The statement month by month: each line in plain words, with the balance after it. */
export function HistoryPage() {
  const t = useT();
  const format = usePageFormat();
  const months = useMemo(() => monthsBack(todayInMaastricht(), MONTHS_SHOWN), []);
  const [month, setMonth] = useState(months[0]);
  const monthFieldId = useId();
  const account = useOwnAccount();
  const range = monthRange(month);
  const accountId = account.data?.id ?? '';
  const statement = useInfiniteQuery({
    queryKey: volunteerKeys.statement(accountId, month),
    enabled: accountId !== '',
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      return unwrap(
        await api.GET('/api/v1/accounts/{id}/postings', {
          params: {
            path: { id: accountId },
            query: {
              from: range.from,
              to: range.to,
              asOf: range.dayBefore,
              limit: STATEMENT_PAGE_SIZE,
              cursor: pageParam,
            },
          },
        }),
      );
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const lines = statement.data?.pages.flatMap((page) => page.items) ?? [];
  const openingBalance = statement.data?.pages[0]?.balanceAsOf?.balance;
  const context = useStoryContext(lines);

  return (
    <section className="volunteer-page" aria-labelledby="history-title">
      <h1 id="history-title">{t('volunteer.history.title')}</h1>
      <div className="field">
        <label htmlFor={monthFieldId}>{t('volunteer.history.month')}</label>
        <select id={monthFieldId} value={month} onChange={(event) => setMonth(event.target.value)}>
          {months.map((option) => (
            <option key={option} value={option}>
              {format.month(option)}
            </option>
          ))}
        </select>
      </div>
      {(statement.isError || account.isError) && <p role="alert">{t('volunteer.loadFailed')}</p>}
      {statement.isPending && accountId !== '' && <p>{t('volunteer.loading')}</p>}
      {openingBalance !== undefined && (
        <p>
          {t('volunteer.history.openingBalance', {
            month: format.month(month),
            amount: format.steerkes(openingBalance),
          })}
        </p>
      )}
      {statement.isSuccess && lines.length === 0 && <p>{t('volunteer.history.empty')}</p>}
      {lines.length > 0 && (
        <ol className="statement" aria-label={t('volunteer.history.title')}>
          {lines.map((line) => (
            <StatementItem key={line.entryId} line={line} story={tellLine(line, context)} />
          ))}
        </ol>
      )}
      {statement.hasNextPage && (
        <button
          type="button"
          className="button-secondary"
          onClick={() => statement.fetchNextPage()}
          disabled={statement.isFetchingNextPage}
        >
          {t('volunteer.history.more')}
        </button>
      )}
    </section>
  );
}

function StatementItem({ line, story }: { line: StatementLine; story: LineStory }) {
  const t = useT();
  const format = usePageFormat();
  const language = format.language;
  const received = !line.amount.startsWith('-');
  const { headline, detail } = storyWords(story, t, format, language);
  return (
    <li className="statement__line">
      <div className="statement__row">
        <p className="statement__headline">{headline}</p>
        <p className={received ? 'amount amount--in' : 'amount amount--out'}>
          <span className="visually-hidden">
            {received ? t('volunteer.history.received') : t('volunteer.history.spent')}:{' '}
          </span>
          {format.signedSteerkes(line.amount)}
        </p>
      </div>
      {detail && <p className="statement__detail">{detail}</p>}
      <div className="statement__row">
        <p className="statement__when">
          <time dateTime={line.effectiveDate}>{format.date(line.effectiveDate)}</time>
        </p>
        <p className="statement__balance">
          {t('volunteer.history.balanceAfter', { amount: format.steerkes(line.balanceAfter) })}
        </p>
      </div>
    </li>
  );
}

type Translate = ReturnType<typeof useT>;
type Format = ReturnType<typeof usePageFormat>;

function storyWords(
  story: LineStory,
  t: Translate,
  format: Format,
  language: 'nl' | 'en',
): { headline: string; detail: string | null } {
  switch (story.kind) {
    case 'hoursPaid':
      return {
        headline: t('volunteer.history.hoursPaid', { organisation: story.organisation }),
        detail: t('volunteer.history.hoursPaidDetail', {
          activity: story.activity,
          hours: format.hours(story.hours),
          date: format.date(story.claimDate),
        }),
      };
    case 'redeemed':
    case 'redemptionUndone': {
      const undone = story.kind === 'redemptionUndone';
      const headline = story.business
        ? t(undone ? 'volunteer.history.redemptionUndone' : 'volunteer.history.redeemed', {
            business: story.business,
          })
        : t(
            undone
              ? 'volunteer.history.redemptionUndoneSomewhere'
              : 'volunteer.history.redeemedSomewhere',
          );
      return {
        headline,
        detail: t('volunteer.history.offerDetail', {
          quantity: format.integer(story.quantity),
          offer: story.offerTitle[language],
        }),
      };
    }
    case 'other':
      return { headline: t(`volunteer.history.code.${story.code}`), detail: story.description };
  }
}

/**
 * The volunteer's own claims and redemptions around the lines shown, and the names of the
 * businesses involved: what a statement line itself does not say (see statement-story.ts).
 */
function useStoryContext(lines: StatementLine[]): StoryContext {
  const dates = datesOf(lines);
  const hasHours = lines.some((line) => line.code === 'HOURS');
  const hasRedemptions = lines.some((line) => line.code === 'REDEEM' || line.code === 'REVERSAL');
  const claims = useQuery({
    queryKey: ['volunteer', 'story-claims', dates?.from, dates?.to],
    enabled: dates !== null && hasHours,
    queryFn: async () => {
      const page = unwrap(
        await api.GET('/api/v1/time-claims', {
          params: {
            query: {
              status: 'approved',
              from: daysBefore(dates!.from, CLAIM_TO_PAYMENT_DAYS_MAX),
              to: dates!.to,
              limit: RECORDS_PAGE_SIZE,
            },
          },
        }),
      );
      return page.items;
    },
  });
  const redemptions = useQuery({
    queryKey: ['volunteer', 'story-redemptions', dates?.from, dates?.to],
    enabled: dates !== null && hasRedemptions,
    queryFn: async () => {
      const page = unwrap(
        await api.GET('/api/v1/redemptions', {
          params: {
            query: { from: daysBefore(dates!.from, 1), to: dates!.to, limit: RECORDS_PAGE_SIZE },
          },
        }),
      );
      return page.items;
    },
  });
  const offerIds = [
    ...new Set((redemptions.data ?? []).map((redemption) => redemption.offerId)),
  ].sort();
  const businessNames = useQuery({
    queryKey: ['volunteer', 'story-businesses', offerIds],
    enabled: offerIds.length > 0,
    queryFn: async () => {
      const names = new Map<string, string>();
      for (const offerId of offerIds) {
        const { data } = await api.GET('/api/v1/offers/{id}', {
          params: { path: { id: offerId } },
        });
        if (data?.businessName) names.set(data.businessId, data.businessName);
      }
      return names;
    },
    staleTime: Infinity,
  });
  return {
    claims: claims.data ?? [],
    redemptions: redemptions.data ?? [],
    businessNames: businessNames.data ?? new Map(),
  };
}
