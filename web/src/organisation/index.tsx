import { lazy, type ReactNode, Suspense } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useT } from '../i18n/i18n';
import type { MenuItem } from '../shell/menu';

/** The organisation manager's pages, under /organisation/*; `/` sends them to the hours. */
export const organisationMenu: MenuItem[] = [
  { to: '/organisation/hours', label: 'org.menu.hours' },
  { to: '/organisation/activity', label: 'org.menu.activity' },
  { to: '/organisation/money', label: 'org.menu.money' },
  { to: '/organisation/listings', label: 'org.menu.listings' },
  { to: '/organisation/bookings', label: 'org.menu.bookings' },
  { to: '/organisation/book', label: 'org.menu.book' },
];

const HoursPage = lazy(() =>
  import('./HoursPage').then((module) => ({ default: module.HoursPage })),
);
const BulkActivityPage = lazy(() =>
  import('./BulkActivityPage').then((module) => ({ default: module.BulkActivityPage })),
);
const BookingsPage = lazy(() =>
  import('./BookingsPage').then((module) => ({ default: module.BookingsPage })),
);
const ListingsPage = lazy(() =>
  import('./ListingsPage').then((module) => ({ default: module.ListingsPage })),
);
const ListingFormPage = lazy(() =>
  import('./ListingsPage').then((module) => ({ default: module.ListingFormPage })),
);
const ListingWeekPage = lazy(() =>
  import('./ListingWeekPage').then((module) => ({ default: module.ListingWeekPage })),
);
const BookFromSearchPage = lazy(() =>
  import('./BookFromSearchPage').then((module) => ({ default: module.BookFromSearchPage })),
);
const MoneyPage = lazy(() =>
  import('./MoneyPage').then((module) => ({ default: module.MoneyPage })),
);

function Loading({ children }: { children: ReactNode }) {
  const t = useT();
  return <Suspense fallback={<p>{t('org.loading')}</p>}>{children}</Suspense>;
}

export function OrganisationRoutes() {
  return (
    <Loading>
      <Routes>
        <Route index element={<Navigate to="/organisation/hours" replace />} />
        <Route path="hours" element={<HoursPage />} />
        <Route path="activity" element={<BulkActivityPage />} />
        <Route path="money" element={<MoneyPage />} />
        <Route path="bookings" element={<BookingsPage />} />
        <Route path="book" element={<BookFromSearchPage />} />
        <Route path="listings" element={<ListingsPage />} />
        <Route path="listings/new" element={<ListingFormPage />} />
        <Route path="listings/:listingId" element={<ListingFormPage />} />
        <Route path="listings/:listingId/week" element={<ListingWeekPage />} />
      </Routes>
    </Loading>
  );
}
