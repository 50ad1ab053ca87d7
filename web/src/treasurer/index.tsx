import { lazy, type ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { useT } from '../i18n/i18n';
import type { MenuItem } from '../shell/menu';

/**
 * The treasurer's pages. The shell shows `TreasurerHome` (the dashboard) at / for a treasurer and
 * mounts `TreasurerRoutes` under /treasurer/*. Every page loads when first opened.
 */
export const treasurerMenu: MenuItem[] = [
  { to: '/', label: 'treasurer.menu.dashboard' },
  { to: '/treasurer/money', label: 'treasurer.menu.money' },
  { to: '/treasurer/ledger', label: 'treasurer.menu.ledger' },
  { to: '/treasurer/entry', label: 'treasurer.menu.entry' },
  { to: '/treasurer/claims', label: 'treasurer.menu.claims' },
  { to: '/treasurer/bookings', label: 'treasurer.menu.bookings' },
  { to: '/treasurer/exports', label: 'treasurer.menu.exports' },
  { to: '/treasurer/reports', label: 'treasurer.menu.reports' },
  { to: '/treasurer/audit', label: 'treasurer.menu.audit' },
  { to: '/treasurer/credit-limits', label: 'admin.menu.creditLimits' },
  { to: '/treasurer/policies', label: 'treasurer.menu.policies' },
  { to: '/transparantie', label: 'treasurer.menu.transparency' },
];

const DashboardPage = lazy(() =>
  import('./DashboardPage').then((module) => ({ default: module.DashboardPage })),
);
const MoneyPage = lazy(() =>
  import('./MoneyPage').then((module) => ({ default: module.MoneyPage })),
);
const LedgerPage = lazy(() =>
  import('./LedgerPage').then((module) => ({ default: module.LedgerPage })),
);
const EntryPage = lazy(() =>
  import('./EntryPage').then((module) => ({ default: module.EntryPage })),
);
const ClaimsPage = lazy(() =>
  import('./ClaimsPage').then((module) => ({ default: module.ClaimsPage })),
);
const BookingsPage = lazy(() =>
  import('./BookingsPage').then((module) => ({ default: module.BookingsPage })),
);
const AuditPage = lazy(() =>
  import('./AuditPage').then((module) => ({ default: module.AuditPage })),
);
const ReportsPage = lazy(() =>
  import('./ReportsPage').then((module) => ({ default: module.ReportsPage })),
);
/** The four-eyes page is shared with the admin: the treasurer approves what the admin proposes. */
const CreditLimitsPage = lazy(() =>
  import('../admin/CreditLimitsPage').then((module) => ({ default: module.CreditLimitsPage })),
);
const PoliciesPage = lazy(() =>
  import('./PoliciesPage').then((module) => ({ default: module.PoliciesPage })),
);
const ExportsPage = lazy(() =>
  import('./ExportsPage').then((module) => ({ default: module.ExportsPage })),
);

function Loading({ children }: { children: ReactNode }) {
  const t = useT();
  return <Suspense fallback={<p>{t('treasurer.loading')}</p>}>{children}</Suspense>;
}

export function TreasurerHome() {
  return (
    <Loading>
      <DashboardPage />
    </Loading>
  );
}

export function TreasurerRoutes() {
  return (
    <Loading>
      <Routes>
        <Route index element={<DashboardPage />} />
        <Route path="money" element={<MoneyPage />} />
        <Route path="ledger" element={<LedgerPage />} />
        <Route path="entry" element={<EntryPage />} />
        <Route path="claims" element={<ClaimsPage />} />
        <Route path="bookings" element={<BookingsPage />} />
        <Route path="exports" element={<ExportsPage />} />
        <Route path="audit" element={<AuditPage />} />
        <Route path="reports" element={<ReportsPage />} />
        <Route path="credit-limits" element={<CreditLimitsPage />} />
        <Route path="policies" element={<PoliciesPage />} />
      </Routes>
    </Loading>
  );
}
