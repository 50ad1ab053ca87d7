import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useT } from '../i18n/i18n';
import type { MenuItem } from '../shell/menu';

/**
 * The volunteer's pages. The shell mounts `VolunteerRoutes` under /volunteer/* and shows
 * `VolunteerHome` at / for a volunteer. Every page is loaded when first opened, so none of them
 * weighs on the counter's first load.
 */
export const volunteerMenu: MenuItem[] = [
  { to: '/', label: 'volunteer.menu.home' },
  { to: '/volunteer/history', label: 'volunteer.menu.history' },
  { to: '/volunteer/hours', label: 'volunteer.menu.hours' },
  { to: '/volunteer/fiscal', label: 'volunteer.menu.fiscal' },
  { to: '/volunteer/pass', label: 'volunteer.menu.pass' },
  { to: '/volunteer/offers', label: 'volunteer.menu.offers' },
];

const HomePage = lazy(() =>
  import('./HomePage').then((module) => ({ default: module.VolunteerHome })),
);
const HistoryPage = lazy(() =>
  import('./HistoryPage').then((module) => ({ default: module.HistoryPage })),
);
const HoursPage = lazy(() =>
  import('./HoursPage').then((module) => ({ default: module.HoursPage })),
);
const FiscalPage = lazy(() =>
  import('./FiscalPage').then((module) => ({ default: module.FiscalPage })),
);
const PassPage = lazy(() => import('./PassPage').then((module) => ({ default: module.PassPage })));
const OffersPage = lazy(() =>
  import('./OffersPage').then((module) => ({ default: module.OffersPage })),
);

function Loading({ children }: { children: ReactNode }) {
  const t = useT();
  return <Suspense fallback={<p>{t('volunteer.loading')}</p>}>{children}</Suspense>;
}

export function VolunteerHome() {
  return (
    <Loading>
      <HomePage />
    </Loading>
  );
}

export function VolunteerRoutes() {
  return (
    <Loading>
      <Routes>
        <Route index element={<HomePage />} />
        <Route path="history" element={<HistoryPage />} />
        <Route path="hours" element={<HoursPage />} />
        <Route path="fiscal" element={<FiscalPage />} />
        <Route path="pass" element={<PassPage />} />
        <Route path="offers" element={<OffersPage />} />
      </Routes>
    </Loading>
  );
}
